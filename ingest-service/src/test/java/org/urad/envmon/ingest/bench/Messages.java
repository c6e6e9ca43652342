package org.urad.envmon.ingest.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.urad.envmon.ingest.decode.hj212.Hj212FrameBuilder;
import org.urad.envmon.ingest.support.SyntheticRegistry;

/**
 * The benchmark's messages: device {@code d} sends round {@code r} with {@code k} readings whose times
 * are distinct for every (device, round, reading), so every reading is a new row. JSON messages come
 * from wells (one parameter, k times); HJ 212 frames from CEMS monitors (k parameters, one DataTime).
 */
record Messages(String prefix, Format format, int devices, int readingsPerMessage) {

    enum Format {
        JSON,
        HJ212
    }

    private static final Instant BASE =
            Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(2, ChronoUnit.DAYS);

    String topic(int device) {
        return format == Format.JSON
                ? prefix + "/well/" + SyntheticRegistry.well(device) + "/json"
                : prefix + "/cems/" + SyntheticRegistry.cems(device) + "/hj212";
    }

    byte[] payload(int device, long round) {
        return format == Format.JSON ? json(device, round) : hj212(device, round);
    }

    private byte[] json(int device, long round) {
        StringBuilder b = new StringBuilder(64 + 64 * readingsPerMessage);
        b.append("{\"v\":1,\"device\":\"")
                .append(SyntheticRegistry.well(device))
                .append("\",\"seq\":");
        b.append(round).append(",\"readings\":[");
        for (int i = 0; i < readingsPerMessage; i++) {
            Instant t = BASE.plusSeconds(round * readingsPerMessage + i);
            b.append(i == 0 ? "{" : ",{")
                    .append("\"param\":\"flow\",\"value\":")
                    .append(10 + (round + i) % 50);
            b.append(",\"time\":\"").append(t).append("\"}");
        }
        return b.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private byte[] hj212(int device, long round) {
        Instant t = BASE.plusSeconds(round);
        Hj212FrameBuilder frame = Hj212FrameBuilder.of("2011", "31", SyntheticRegistry.mn(device))
                .qn(t)
                .password(SyntheticRegistry.PASSWORD)
                .dataTime(t);
        for (int i = 0; i < readingsPerMessage; i++) {
            String code = SyntheticRegistry.CEMS_CODES.get(i);
            frame.value(code, "Rtd", 10 + (round + i) % 50).dataFlag(code, "N");
        }
        return frame.encode();
    }
}
