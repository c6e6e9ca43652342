package org.urad.envmon.ingest.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import org.urad.envmon.ingest.reading.Calibration;
import org.urad.envmon.ingest.reading.DataFlag;

/**
 * Writes a {@link SimulatedMessage} as a JSON payload v1 ({@code schema/payload/payload-v1.schema.json}).
 * Hand-written for speed: the load generator writes tens of thousands of these a second.
 */
public final class PayloadWriter {

    private PayloadWriter() {}

    public static byte[] write(SimulatedMessage message, long seq) {
        StringBuilder json = new StringBuilder(96 + 48 * message.values().size());
        json.append("{\"v\":1,\"device\":");
        string(json, message.device().id());
        json.append(",\"seq\":").append(seq).append(",\"time\":");
        time(json, message.time());
        if (!message.values().isEmpty()) {
            json.append(",\"readings\":[");
            for (int i = 0; i < message.values().size(); i++) {
                SimulatedMessage.Value v = message.values().get(i);
                json.append(i == 0 ? "{" : ",{").append("\"param\":");
                string(json, v.parameter());
                json.append(",\"value\":");
                number(json, v.value());
                if (message.flag() != DataFlag.N) {
                    json.append(",\"flag\":\"").append(message.flag().name()).append('"');
                }
                if (!v.time().equals(message.time())) {
                    json.append(",\"time\":");
                    time(json, v.time());
                }
                json.append('}');
            }
            json.append(']');
        }
        if (!message.calibrations().isEmpty()) {
            json.append(",\"calibrations\":[");
            for (int i = 0; i < message.calibrations().size(); i++) {
                calibration(
                        json.append(i == 0 ? "" : ","), message.calibrations().get(i));
            }
            json.append(']');
        }
        return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void calibration(StringBuilder json, Calibration c) {
        json.append("{\"param\":");
        string(json, c.parameter());
        json.append(",\"kind\":\"").append(c.kind().code()).append("\",\"time\":");
        time(json, c.time());
        json.append(",\"reference\":");
        number(json, c.reference());
        json.append(",\"measured\":");
        number(json, c.measured());
        if (c.fullScale() != null) {
            json.append(",\"fullScale\":");
            number(json, c.fullScale());
        }
        if (c.reportedPass() != null) {
            json.append(",\"pass\":").append(c.reportedPass());
        }
        json.append('}');
    }

    static void time(StringBuilder json, Instant t) {
        json.append('"')
                .append(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.ofInstant(t, ShanghaiTime.OFFSET)))
                .append('"');
    }

    static void number(StringBuilder json, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("not a JSON number: " + value);
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            json.append((long) value);
        } else {
            json.append(value);
        }
    }

    static void string(StringBuilder json, String s) {
        json.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
