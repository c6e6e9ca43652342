package org.urad.envmon.ingest.decode.hj212;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class Hj212CrcTests {

    /** The routine as the standard describes it, bit by bit. */
    private static int bitwise(byte[] data, int offset, int length) {
        int crc = 0xFFFF;
        for (int i = offset; i < offset + length; i++) {
            crc = (crc >> 8) ^ (data[i] & 0xFF);
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xA001 : crc >> 1;
            }
        }
        return crc;
    }

    @Test
    void agreesWithTheBitwiseRoutineOnEveryByteValueAndRandomData() {
        byte[] all = new byte[256];
        for (int b = 0; b < 256; b++) {
            all[b] = (byte) b;
        }
        assertThat(Hj212Crc.compute(all)).isEqualTo(bitwise(all, 0, all.length));
        Random random = new Random(212);
        for (int n = 0; n < 500; n++) {
            byte[] data = new byte[random.nextInt(1200)];
            random.nextBytes(data);
            int offset = data.length == 0 ? 0 : random.nextInt(data.length);
            int length = data.length - offset;
            assertThat(Hj212Crc.compute(data, offset, length)).isEqualTo(bitwise(data, offset, length));
        }
        assertThat(Hj212Crc.compute(new byte[0])).isEqualTo(0xFFFF);
    }
}
