package org.urad.envmon.ingest.notify;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Sends alert messages by e-mail as plain UTF-8 text: the subject is the prefix and the alert's
 * title, the body the same text the group robots get. Called on the notifier's thread only; a mail
 * the SMTP server does not accept is a failed attempt that the notifier retries.
 */
public final class EmailSender {

    private final JavaMailSender mail;
    private final EmailNotifyProperties properties;
    private final String language;

    /** {@code fallbackLanguage} is {@code ingest.notify.language}, used when the e-mail channel names none. */
    public EmailSender(JavaMailSender mail, EmailNotifyProperties properties, String fallbackLanguage) {
        String problem = properties.problem();
        if (problem != null) {
            throw new IllegalStateException("ingest.notify.email.enabled is true but " + problem);
        }
        this.mail = mail;
        this.properties = properties;
        this.language = properties.language() == null ? fallbackLanguage : properties.language();
    }

    /**
     * Bounds connecting to, reading from and writing to the SMTP server by {@code timeout} where
     * {@code spring.mail.properties.mail.smtp.*} does not say otherwise (JavaMail waits forever by
     * default, which would hold the notifier thread and every channel behind it).
     */
    public static JavaMailSender withTimeouts(JavaMailSender mail, Duration timeout) {
        if (mail instanceof JavaMailSenderImpl impl) {
            String millis = Long.toString(timeout.toMillis());
            for (String key : List.of("connectiontimeout", "timeout", "writetimeout")) {
                impl.getJavaMailProperties().putIfAbsent("mail.smtp." + key, millis);
                impl.getJavaMailProperties().putIfAbsent("mail.smtps." + key, millis);
            }
        }
        return mail;
    }

    /** One delivery attempt; {@code null} once the SMTP server has accepted the mail, else what went wrong. */
    public String send(AlertMessage message) {
        return send(message, null);
    }

    /** As {@link #send(AlertMessage)}, the body ending with {@code link} (the alert's console page) when given. */
    public String send(AlertMessage message, String link) {
        try {
            MimeMessage mime = mail.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(mime, "UTF-8");
            helper.setFrom(properties.from());
            helper.setTo(properties.to().toArray(String[]::new));
            helper.setSubject(properties.subject(message.title(language)));
            helper.setText(MessageBodies.mail(message, language, link));
            mail.send(mime);
            return null;
        } catch (MailException | MessagingException e) {
            return "SMTP: " + e.getMessage();
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }
}
