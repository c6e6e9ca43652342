package org.urad.envmon.ingest.store;

import java.sql.SQLException;

/**
 * Tells a failed write that will succeed if tried again (the database is down, restarting, out of
 * connections, or lost a serialization race) from one that is tied to what the batch holds and will
 * fail again however often it is retried. Decided by the SQLSTATE class (PostgreSQL, Appendix A):
 *
 * <ul>
 *   <li>{@code 22} data exception (e.g. a NUL in text, a value out of range), {@code 23} integrity
 *       constraint violation, {@code 54} program limit exceeded (e.g. an index row too large): the
 *       content. The batch is split until the message that causes it is found.
 *   <li>Everything else, a missing SQLSTATE included ({@code 08} connection, {@code 40} serialization
 *       and deadlock, {@code 53} insufficient resources, {@code 57} shutdown and cancel, {@code 58}
 *       I/O, {@code 42} a schema that does not match): retried as it is, with backoff.
 * </ul>
 *
 * A failure outside JDBC (an exception thrown while a message is turned into rows) is the content's.
 */
final class WriteFailure {

    private WriteFailure() {}

    static boolean isContent(Exception e) {
        String state = sqlState(e);
        if (state == null) {
            return !(e instanceof SQLException);
        }
        return state.startsWith("22") || state.startsWith("23") || state.startsWith("54");
    }

    /** The first SQLSTATE in the cause chain, or {@code null}. */
    static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                return s.getSQLState();
            }
        }
        return null;
    }
}
