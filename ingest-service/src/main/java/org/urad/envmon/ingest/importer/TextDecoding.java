package org.urad.envmon.ingest.importer;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The text of a CSV file as Excel or a script wrote it: UTF-8 (with or without a byte-order mark), or, when
 * the bytes are not valid UTF-8, GB18030 (the superset of GBK that Excel uses on Chinese Windows). UTF-8 is
 * tried strictly first, so a GBK file is never read as UTF-8 with replacement characters.
 */
final class TextDecoding {

    static final Charset GB18030 = Charset.forName("GB18030");

    /** The decoded text and the charset it was read in. */
    record Text(String text, Charset charset) {}

    private TextDecoding() {}

    static Text decode(byte[] bytes) {
        int bom =
                bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF
                        ? 3
                        : 0;
        ByteBuffer body = ByteBuffer.wrap(bytes, bom, bytes.length - bom);
        try {
            return new Text(strict(StandardCharsets.UTF_8, body).toString(), StandardCharsets.UTF_8);
        } catch (CharacterCodingException notUtf8) {
            body.position(bom);
            try {
                return new Text(strict(GB18030, body).toString(), GB18030);
            } catch (CharacterCodingException neither) {
                throw new IllegalArgumentException("the file is neither UTF-8 nor GB18030/GBK text");
            }
        }
    }

    private static CharBuffer strict(Charset charset, ByteBuffer bytes) throws CharacterCodingException {
        return charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(bytes);
    }
}
