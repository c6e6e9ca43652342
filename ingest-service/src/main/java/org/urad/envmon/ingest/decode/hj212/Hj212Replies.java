package org.urad.envmon.ingest.decode.hj212;

import java.time.Instant;
import java.util.List;

/** Frames the service sends back to a data logger. */
public final class Hj212Replies {

    private static final String ST_INTERACTION = "91";
    private static final String CN_DATA_REPLY = "9014";
    /** HJ 212-2017, no reply wanted, not split. */
    private static final int REPLY_FLAG = Hj212Frame.VERSION_2017 << 2;

    private static final String CN_SET_TIME = "1012";
    /** HJ 212-2017, reply wanted (the logger answers 9011 and 9012), not split. */
    private static final int COMMAND_FLAG = (Hj212Frame.VERSION_2017 << 2) | Hj212Frame.FLAG_REPLY;

    private Hj212Replies() {}

    /**
     * A history request (HJ 212-2017 CN 2051 minute, 2061 hourly, 2031 daily data): {@code
     * QN=<qn>;ST=<ST>;CN=<cn>;PW=..;MN=..;Flag=5;CP=&&BeginTime=<begin>;EndTime=<end>&&}, both times China
     * time to the second and inclusive. The logger answers 9011 (QnRtn), then the data frames (carrying this
     * QN), then 9012 (ExeRtn). {@code about} is a checked frame of that logger (its ST, PW and MN are repeated).
     */
    public static Hj212Frame historyRequest(Hj212Frame about, String cn, String qn, Instant begin, Instant end) {
        List<List<Hj212Field>> cp = List.of(
                List.of(new Hj212Field("BeginTime", Hj212Time.dataTime(begin))),
                List.of(new Hj212Field("EndTime", Hj212Time.dataTime(end))));
        String pw = about.pw() == null || Hj212Segment.hasSeparator(about.pw()) ? null : about.pw();
        return new Hj212Frame(qn, about.st(), cn, pw, about.mn(), COMMAND_FLAG, null, null, cp);
    }

    /**
     * An operator's command (1062, 1064, 3011, 3015, …): {@code QN=<qn>;ST=<ST>;CN=<cn>;PW=..;MN=..;Flag=5;
     * CP=&&<field>;<field>&&}, each field its own group. {@code about} is a checked frame of that logger (its
     * ST, PW and MN are repeated); the logger answers 9011 (QnRtn), then 9012 (ExeRtn).
     */
    public static Hj212Frame command(Hj212Frame about, String cn, String qn, List<Hj212Field> fields) {
        List<List<Hj212Field>> cp = fields.stream().map(List::of).toList();
        String pw = about.pw() == null || Hj212Segment.hasSeparator(about.pw()) ? null : about.pw();
        return new Hj212Frame(qn, about.st(), cn, pw, about.mn(), COMMAND_FLAG, null, null, cp);
    }

    /**
     * The 1012 command setting a logger's clock: {@code QN=<qn>;ST=<ST>;CN=1012;PW=..;MN=..;Flag=5;
     * CP=&&[PolId=<polId>;]SystemTime=<now, China time>&&}. {@code about} is a checked frame of that logger
     * (its ST, PW and MN are repeated); {@code polId} names the instrument when the logger asked for one.
     */
    public static Hj212Frame setTime(Hj212Frame about, String qn, String polId, java.time.Instant now) {
        List<List<Hj212Field>> cp = new java.util.ArrayList<>();
        if (polId != null && !Hj212Segment.hasSeparator(polId)) {
            cp.add(List.of(new Hj212Field(Hj212Status.POL_ID, polId)));
        }
        cp.add(List.of(new Hj212Field("SystemTime", Hj212Time.dataTime(now))));
        String pw = about.pw() == null || Hj212Segment.hasSeparator(about.pw()) ? null : about.pw();
        return new Hj212Frame(qn, about.st(), CN_SET_TIME, pw, about.mn(), COMMAND_FLAG, null, null, cp);
    }

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
