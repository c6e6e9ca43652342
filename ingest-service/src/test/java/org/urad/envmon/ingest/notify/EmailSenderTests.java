package org.urad.envmon.ingest.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** Verifies the e-mail channel's configuration: what it refuses, its subject line and its SMTP timeouts. */
class EmailSenderTests {

    @Test
    void refusesAnEnabledChannelWithoutRecipientsOrSender() {
        var noRecipients = new EmailNotifyProperties(true, List.of(), "alerts@urad.example", "", null);
        var noSender = new EmailNotifyProperties(true, List.of("duty@urad.example"), " ", "", null);

        assertThatThrownBy(() -> new EmailSender(new JavaMailSenderImpl(), noRecipients, "zh"))
                .hasMessageContaining("ingest.notify.email.to");
        assertThatThrownBy(() -> new EmailSender(new JavaMailSenderImpl(), noSender, "zh"))
                .hasMessageContaining("ingest.notify.email.from");
    }

    @Test
    void subjectIsThePrefixAndTheTitle() {
        var prefixed = new EmailNotifyProperties(true, List.of("a@b"), "c@d", "[环境监测] ", null);
        var bare = new EmailNotifyProperties(true, List.of("a@b"), "c@d", "", null);

        assertThat(prefixed.subject("【超标】标题")).isEqualTo("[环境监测] 【超标】标题");
        assertThat(bare.subject("【超标】标题")).isEqualTo("【超标】标题");
    }

    @Test
    void boundsSmtpWaitsByTheNotifyTimeoutUnlessConfigured() {
        JavaMailSenderImpl mail = new JavaMailSenderImpl();
        mail.getJavaMailProperties().put("mail.smtp.timeout", "3000");

        EmailSender.withTimeouts(mail, Duration.ofSeconds(10));

        assertThat(mail.getJavaMailProperties())
                .containsEntry("mail.smtp.connectiontimeout", "10000")
                .containsEntry("mail.smtp.writetimeout", "10000")
                .containsEntry("mail.smtp.timeout", "3000");
    }
}
