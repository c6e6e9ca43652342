package org.urad.envmon.ingest.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.urad.envmon.ingest.decode.DecodeException;
import org.urad.envmon.ingest.decode.hj212.Hj212Frame;
import org.urad.envmon.ingest.decode.hj212.Hj212FrameBuilder;
import org.urad.envmon.ingest.decode.hj212.Hj212Time;
import org.urad.envmon.ingest.reading.DataFlag;

/**
 * The frames of a simulated HJ 212 data logger: its minute-data upload (2051), and its answers to the
 * platform's commands: a history request (2051 / 2061 / 2031 with BeginTime, EndTime) gets 9011
 * (QnRtn=1), one data frame per record carrying the request's QN, then 9012 (ExeRtn=1, or 100 when it
 * holds nothing for the span); any other command that asks for an answer (a 1012 clock setting) gets 9011
 * and 9012 ExeRtn=1. Pure.
 */
final class LoggerAnswers {

    static final String CN_MINUTE = "2051";
    static final String CN_HOUR = "2061";
    static final String CN_DAY = "2031";

    private final String st;
    private final String mn;
    private final String pw;

    LoggerAnswers(String st, String mn, String pw) {
        this.st = st;
        this.mn = mn;
        this.pw = pw;
    }

    /** The 2051 frame of one minute record. */
    byte[] upload(SimulatedMessage record, String qn) {
        return minute(CN_MINUTE, record, qn);
    }

    /** What the logger sends back to one frame from the platform (nothing for a frame wanting no answer). */
    List<byte[]> answer(Hj212Frame command, LoggerHistory history) {
        List<byte[]> out = new ArrayList<>();
        boolean history212 = switch (command.cn()) {
            case CN_MINUTE, CN_HOUR, CN_DAY -> true;
            default -> false;
        };
        if (!history212 && !command.replyRequested()) {
            return out;
        }
        out.add(frame("9011", command.qn()).plain("QnRtn", "1").encode());
        if (!history212) {
            out.add(frame("9012", command.qn()).plain("ExeRtn", "1").encode());
            return out;
        }
        Instant begin;
        Instant end;
        try {
            begin = Hj212Time.parse("BeginTime", command.cpValue("BeginTime").orElse(""));
            end = Hj212Time.parse("EndTime", command.cpValue("EndTime").orElse(""));
        } catch (DecodeException e) {
            out.add(frame("9012", command.qn()).plain("ExeRtn", "2").encode());
            return out;
        }
        int records = 0;
        if (command.cn().equals(CN_MINUTE)) {
            for (SimulatedMessage m : history.minutes(begin, end)) {
                out.add(minute(CN_MINUTE, m, command.qn()));
                records++;
            }
        } else {
            for (LoggerHistory.Aggregate a :
                    history.aggregates(begin, end, command.cn().equals(CN_DAY))) {
                out.add(aggregate(command.cn(), a, command.qn()));
                records++;
            }
        }
        out.add(frame("9012", command.qn())
                .plain("ExeRtn", records > 0 ? "1" : "100")
                .encode());
        return out;
    }

    private Hj212FrameBuilder frame(String cn, String qn) {
        return Hj212FrameBuilder.of(cn, st, mn).qn(qn).password(pw);
    }

    private byte[] minute(String cn, SimulatedMessage record, String qn) {
        Hj212FrameBuilder b = frame(cn, qn).dataTime(record.time());
        for (SimulatedMessage.Value v : record.values()) {
            b.value(v.parameter(), "Avg", v.value())
                    .dataFlag(v.parameter(), record.flag().name());
        }
        return b.encode();
    }

    private byte[] aggregate(String cn, LoggerHistory.Aggregate a, String qn) {
        Hj212FrameBuilder b = frame(cn, qn).dataTime(a.time());
        for (Map.Entry<String, Double> v : a.values().entrySet()) {
            b.value(v.getKey(), "Avg", v.getValue())
                    .dataFlag(v.getKey(), a.normal() ? DataFlag.N.name() : DataFlag.D.name());
        }
        return b.encode();
    }
}
