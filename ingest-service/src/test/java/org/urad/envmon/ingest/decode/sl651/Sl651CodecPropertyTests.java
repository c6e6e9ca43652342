package org.urad.envmon.ingest.decode.sl651;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.urad.envmon.ingest.decode.DecodeException;
import org.urad.envmon.ingest.reading.RejectReason;

/**
 * Properties of the SZY 206 codec over generated frames. The seeds come from a fixed base seed, so
 * every run checks the same frames; a failure names its seed and frame.
 */
class Sl651CodecPropertyTests {

    private static final long BASE_SEED = 0x651_2014L;
    private static final Set<RejectReason> FRAMING =
            EnumSet.of(RejectReason.BAD_HEADER, RejectReason.LENGTH_MISMATCH, RejectReason.BAD_CRC);

    @Test
    void encodedFramesDecodeToThemselves() {
        forAll(500, frame -> {
            assertThat(Sl651Codec.decode(Sl651Codec.encode(frame))).isEqualTo(frame);
        });
    }

    @Test
    void everyTruncationIsRefusedWithAFramingReason() {
        forAll(200, frame -> {
            byte[] bytes = Sl651Codec.encode(frame);
            for (int n = 0; n < bytes.length; n++) {
                assertRefused(java.util.Arrays.copyOf(bytes, n), "truncated to " + n);
            }
        });
    }

    /** CRC-16 catches every single-bit error; flips in the start, length or direction fields fail before it. */
    @Test
    void everySingleBitFlipIsRefusedWithAFramingReason() {
        forAll(100, frame -> {
            byte[] bytes = Sl651Codec.encode(frame);
            for (int bit = 0; bit < bytes.length * 8; bit++) {
                byte[] flipped = bytes.clone();
                flipped[bit / 8] ^= (byte) (1 << (bit % 8));
                assertRefused(flipped, "bit " + bit + " flipped");
            }
        });
    }

    private static void assertRefused(byte[] bytes, String what) {
        try {
            Sl651Codec.decode(bytes);
            fail(what + " was accepted: " + HexFormat.of().formatHex(bytes));
        } catch (DecodeException e) {
            assertThat(e.reason()).as(what).isIn(FRAMING);
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    static Sl651Frame frame(SplittableRandom random) {
        boolean ascii = random.nextBoolean();
        boolean up = random.nextBoolean();
        byte[] body = new byte[random.nextInt(0, 300)];
        if (ascii) {
            for (int i = 0; i < body.length; i++) {
                body[i] = (byte) random.nextInt(0x20, 0x7F);
            }
        } else {
            random.nextBytes(body);
        }
        StringBuilder station = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            station.append("0123456789ABCDEF".charAt(random.nextInt(16)));
        }
        int[] ends = up
                ? new int[] {Sl651Frame.ETX, Sl651Frame.ETB}
                : new int[] {Sl651Frame.ENQ, Sl651Frame.ACK, Sl651Frame.NAK, Sl651Frame.EOT, Sl651Frame.ESC};
        return new Sl651Frame(
                ascii,
                random.nextInt(1, 256),
                station.toString(),
                random.nextInt(0x10000),
                random.nextInt(256),
                up,
                body,
                ends[random.nextInt(ends.length)]);
    }

    @FunctionalInterface
    interface Check {
        void accept(Sl651Frame frame) throws Exception;
    }

    static void forAll(int tries, Check check) {
        SplittableRandom seeds = new SplittableRandom(BASE_SEED);
        for (int i = 1; i <= tries; i++) {
            long seed = seeds.nextLong();
            Sl651Frame frame = frame(new SplittableRandom(seed));
            try {
                check.accept(frame);
            } catch (Exception | AssertionError e) {
                throw new AssertionError(
                        String.format("try %d failed with seed 0x%016XL for %s%n%s", i, seed, frame, e), e);
            }
        }
    }
}
