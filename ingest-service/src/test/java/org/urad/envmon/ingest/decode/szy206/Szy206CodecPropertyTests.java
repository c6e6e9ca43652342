package org.urad.envmon.ingest.decode.szy206;

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
class Szy206CodecPropertyTests {

    private static final long BASE_SEED = 0x206_2016L;
    private static final Set<RejectReason> FRAMING =
            EnumSet.of(RejectReason.BAD_HEADER, RejectReason.LENGTH_MISMATCH, RejectReason.BAD_CRC);

    @Test
    void encodedFramesDecodeToThemselves() {
        forAll(500, frame -> {
            assertThat(Szy206Codec.decode(Szy206Codec.encode(frame))).isEqualTo(frame);
        });
    }

    @Test
    void everyTruncationIsRefusedWithAFramingReason() {
        forAll(200, frame -> {
            byte[] bytes = Szy206Codec.encode(frame);
            for (int n = 0; n < bytes.length; n++) {
                assertRefused(java.util.Arrays.copyOf(bytes, n), "truncated to " + n);
            }
        });
    }

    /** CRC-8 with a generator of more than one term catches every single-bit error in the user data. */
    @Test
    void everySingleBitFlipIsRefusedWithAFramingReason() {
        forAll(100, frame -> {
            byte[] bytes = Szy206Codec.encode(frame);
            for (int bit = 0; bit < bytes.length * 8; bit++) {
                byte[] flipped = bytes.clone();
                flipped[bit / 8] ^= (byte) (1 << (bit % 8));
                assertRefused(flipped, "bit " + bit + " flipped");
            }
        });
    }

    private static void assertRefused(byte[] bytes, String what) {
        try {
            Szy206Codec.decode(bytes);
            fail(what + " was accepted: " + HexFormat.of().formatHex(bytes));
        } catch (DecodeException e) {
            assertThat(e.reason()).as(what).isIn(FRAMING);
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    static Szy206Frame frame(SplittableRandom random) {
        boolean split = random.nextInt(5) == 0;
        int control = random.nextInt(256) & ~Szy206Frame.DIV | (split ? Szy206Frame.DIV : 0);
        byte[] address = new byte[5];
        random.nextBytes(address);
        byte[] data = new byte[random.nextInt(0, 200)];
        random.nextBytes(data);
        return new Szy206Frame(control, split ? random.nextInt(256) : null, address, random.nextInt(256), data);
    }

    @FunctionalInterface
    interface Check {
        void accept(Szy206Frame frame) throws Exception;
    }

    static void forAll(int tries, Check check) {
        SplittableRandom seeds = new SplittableRandom(BASE_SEED);
        for (int i = 1; i <= tries; i++) {
            long seed = seeds.nextLong();
            Szy206Frame frame = frame(new SplittableRandom(seed));
            try {
                check.accept(frame);
            } catch (Exception | AssertionError e) {
                throw new AssertionError(
                        String.format("try %d failed with seed 0x%016XL for %s%n%s", i, seed, frame, e), e);
            }
        }
    }
}
