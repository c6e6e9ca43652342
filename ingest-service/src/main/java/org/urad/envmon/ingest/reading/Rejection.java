package org.urad.envmon.ingest.reading;

/**
 * A reason with the detail a person needs to fix the sender (no stack traces). Details quote what
 * the sender sent, so they are cleaned on the way in ({@link SenderText}): no control characters, at
 * most {@link #MAX_DETAIL} characters.
 */
public record Rejection(RejectReason reason, String detail) {

    public static final int MAX_DETAIL = 2000;

    public Rejection {
        detail = SenderText.clean(detail, MAX_DETAIL);
    }

    public static Rejection of(RejectReason reason, String detail) {
        return new Rejection(reason, detail);
    }
}
