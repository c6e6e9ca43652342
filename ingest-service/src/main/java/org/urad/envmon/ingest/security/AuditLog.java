package org.urad.envmon.ingest.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes {@code audit_log}: who changed what, when, from where, with the state before and after. A
 * change and its audit row commit together ({@link #inTransaction}), so there is no change without its
 * row. The actor is the authenticated user; outside a request (command line, scheduler) it is {@code system}.
 */
public final class AuditLog {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public AuditLog(DataSource dataSource, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.clock = clock;
    }

    /** Runs {@code work} (the change and its {@link #record}) in one transaction. */
    public <T> T inTransaction(Supplier<T> work) {
        return transactions.execute(status -> work.get());
    }

    /**
     * @param action what was done, e.g. {@code alert.acknowledge}
     * @param target what it was done to, e.g. {@code alert/42}
     * @param before the state before (serialised as JSON), or null
     * @param after the state after (serialised as JSON), or null
     */
    public void record(String action, String target, Object before, Object after) {
        record(actor(), action, target, before, after);
    }

    /** As {@link #record(String, String, Object, Object)}, for a named actor outside a request (a command). */
    public void record(String actor, String action, String target, Object before, Object after) {
        jdbc.update(
                "INSERT INTO audit_log (at, actor, action, target, before, after, remote_address)"
                        + " VALUES (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)",
                Timestamp.from(clock.instant()),
                actor,
                action,
                target,
                json(before),
                json(after),
                remoteAddress());
    }

    /** The authenticated user's name, or {@code system} outside an authenticated request. */
    public static String actor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null || !auth.isAuthenticated() || auth.getName() == null ? "system" : auth.getName();
    }

    private static String remoteAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return attributes.getRequest().getRemoteAddr();
        }
        return null;
    }

    private static String json(Object value) {
        return value == null ? null : JSON.writeValueAsString(value);
    }
}
