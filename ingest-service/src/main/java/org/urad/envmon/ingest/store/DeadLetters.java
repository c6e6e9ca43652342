package org.urad.envmon.ingest.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import org.urad.envmon.ingest.reading.Outcome;
import org.urad.envmon.ingest.reading.SenderText;

/**
 * The last resort for a message that even the quarantine table refuses: its bytes go to a file in a
 * directory ({@code <time>-<sha256>.bin}), with a {@code .txt} beside it saying where it came from and
 * why, so that nothing acknowledged is lost and a person can replay it. Writing is atomic per file
 * (temporary file, then move) so a crash leaves no half-written letter.
 */
final class DeadLetters {

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Path directory;

    DeadLetters(Path directory) {
        this.directory = directory;
    }

    /** Writes the message's bytes and description; returns the path of the bytes. */
    Path write(Outcome o, String why, Instant now) throws IOException {
        Files.createDirectories(directory);
        byte[] payload = o.raw().payload();
        String name = STAMP.format(now) + "-"
                + HexFormat.of().formatHex(QuarantineWriter.sha256(payload)).substring(0, 16);
        Path bytes = directory.resolve(name + ".bin");
        String description = String.join(
                "\n",
                "topic: " + SenderText.clean(o.raw().topic(), QuarantineWriter.MAX_TOPIC),
                "device: " + SenderText.clean(o.deviceId(), QuarantineWriter.MAX_DEVICE_ID),
                "format: " + SenderText.clean(o.format(), QuarantineWriter.MAX_FORMAT),
                "received_at: " + o.raw().receivedAt(),
                "bytes: " + payload.length,
                "why: " + SenderText.clean(why, QuarantineWriter.MAX_DETAIL),
                "");
        atomically(directory.resolve(name + ".txt"), description.getBytes(StandardCharsets.UTF_8));
        atomically(bytes, payload);
        return bytes;
    }

    private void atomically(Path target, byte[] content) throws IOException {
        Path tmp = Files.createTempFile(directory, ".letter", ".tmp");
        try {
            Files.write(tmp, content, StandardOpenOption.SYNC);
            Files.move(
                    tmp,
                    target,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
