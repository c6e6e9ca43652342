package org.urad.envmon.ingest.notify;

import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ingest.notify.email.*}: alerts by e-mail (channel {@code email}), sent through the SMTP
 * server configured with Spring Boot's standard {@code spring.mail.*} properties.
 *
 * @param enabled off unless set
 * @param to the recipients; required when enabled
 * @param from the sender address; required when enabled
 * @param subjectPrefix put before the alert's title in the subject line (blank: none)
 * @param language {@code zh} or {@code en}; unset: {@code ingest.notify.language}
 */
@ConfigurationProperties("ingest.notify.email")
@Validated
public record EmailNotifyProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue List<String> to,
        String from,
        @DefaultValue("[乌拉特中旗环境监测]") String subjectPrefix,
        @Pattern(regexp = "zh|en") String language) {

    /** What is missing for an enabled channel, or {@code null}. */
    public String problem() {
        if (to.isEmpty() || to.stream().anyMatch(a -> a == null || a.isBlank())) {
            return "ingest.notify.email.to needs at least one address";
        }
        if (from == null || from.isBlank()) {
            return "ingest.notify.email.from is not set";
        }
        return null;
    }

    public String subject(String title) {
        return subjectPrefix == null || subjectPrefix.isBlank() ? title : subjectPrefix.strip() + " " + title;
    }
}
