package org.urad.envmon.ingest.decode.szy206;

/**
 * Frames the platform sends back to a terminal. Each goes downwards (control D7 = 0), keeps the
 * request's frame count bits and address, and carries function code 0 ("send/confirm").
 */
public final class Szy206Replies {

    public static final int AFN_LINK_CHECK = 0x02;
    public static final int AFN_REALTIME_QUERY = 0xB0;
    public static final int AFN_SELF_REPORT = 0xC0;
    /** Link-check data: log in, log out, stay online. */
    public static final int LOGIN = 0xF0;

    public static final int LOGOUT = 0xF1;
    public static final int KEEP_ALIVE = 0xF2;

    private Szy206Replies() {}

    /** The confirmation of a C0H self-report: AFN C0H with one data byte 00H. */
    public static Szy206Frame confirmReport(Szy206Frame report) {
        return new Szy206Frame(downControl(report), null, report.address(), AFN_SELF_REPORT, new byte[] {0});
    }

    /** The answer to a 02H link check: the same F0H/F1H/F2H byte back. */
    public static Szy206Frame answerLinkCheck(Szy206Frame check) {
        return new Szy206Frame(downControl(check), null, check.address(), AFN_LINK_CHECK, check.data());
    }

    private static int downControl(Szy206Frame request) {
        return request.control() & 0x30;
    }
}
