package org.urad.envmon.ingest.console;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Sender bytes as a person can read them: a hex dump (offset, 16 bytes, their ASCII), and the text with
 * control characters shown as {@code ·}. At most {@link #LIMIT} bytes; what the sender sent is hostile and
 * is only ever shown as escaped text. Pure.
 */
final class HexDump {

    static final int LIMIT = 4096;

    private HexDump() {}

    static String hex(byte[] bytes) {
        int n = Math.min(bytes.length, LIMIT);
        StringBuilder out = new StringBuilder();
        for (int row = 0; row < n; row += 16) {
            out.append("%08x  ".formatted(row));
            StringBuilder ascii = new StringBuilder();
            for (int i = row; i < row + 16; i++) {
                if (i < n) {
                    int b = bytes[i] & 0xff;
                    out.append("%02x ".formatted(b));
                    ascii.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
                } else {
                    out.append("   ");
                }
                if (i == row + 7) {
                    out.append(' ');
                }
            }
            out.append(" |").append(ascii).append("|\n");
        }
        if (bytes.length > n) {
            out.append("… ").append(bytes.length - n).append(" more bytes\n");
        }
        return out.toString();
    }

    /** The bytes as UTF-8 (or GB18030 when they are not UTF-8), control characters as {@code ·}. */
    static String text(byte[] bytes) {
        byte[] head = bytes.length > LIMIT ? java.util.Arrays.copyOf(bytes, LIMIT) : bytes;
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(head))
                    .toString();
        } catch (CharacterCodingException e) {
            text = new String(head, java.nio.charset.Charset.forName("GB18030"));
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '\n' || c == '\t') {
                out.appendCodePoint(c);
            } else if (Character.isISOControl(c) || c == 0xFFFD || Character.getType(c) == Character.FORMAT) {
                out.append('·');
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
