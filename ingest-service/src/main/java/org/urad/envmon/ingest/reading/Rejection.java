package org.urad.envmon.ingest.reading;

/** A reason with the detail a person needs to fix the sender (no stack traces). */
public record Rejection(RejectReason reason, String detail) {
    public static Rejection of(RejectReason reason, String detail) {
        return new Rejection(reason, detail);
    }
}
