package org.urad.envmon.ingest.decode.hj212;

import java.util.List;

/** Frames the service sends back to a data logger. */
public final class Hj212Replies {

    private static final String ST_INTERACTION = "91";
    private static final String CN_DATA_REPLY = "9014";
    /** HJ 212-2017, no reply wanted, not split. */
    private static final int REPLY_FLAG = Hj212Frame.VERSION_2017 << 2;

    private Hj212Replies() {}

    /**
     * The 9014 data reply to a frame whose Flag asked for one: {@code
     * QN=<QN>;ST=91;CN=9014;PW=..;MN=..;Flag=4;CP=&&QN=<QN>&&}. The request's QN is repeated in the
     * header (as the 2017 text does) and inside CP (as 2005 loggers expect). Send it only for a frame whose
     * PW was checked and whose values were stored: it repeats the request's PW. A PW that a frame cannot
     * carry ({@code , = &}, accepted on the way in) is left out, so building a reply never fails.
     */
    public static Hj212Frame dataReply(Hj212Frame request) {
        List<List<Hj212Field>> cp =
                request.qn() == null ? List.of() : List.of(List.of(new Hj212Field("QN", request.qn())));
        String pw = request.pw() == null || Hj212Segment.hasSeparator(request.pw()) ? null : request.pw();
        return new Hj212Frame(
                request.qn(), ST_INTERACTION, CN_DATA_REPLY, pw, request.mn(), REPLY_FLAG, null, null, cp);
    }
}
