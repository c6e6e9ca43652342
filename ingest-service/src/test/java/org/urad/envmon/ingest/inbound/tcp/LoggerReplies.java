package org.urad.envmon.ingest.inbound.tcp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads what the service sends back to a logger: one frame per CR LF-terminated line. */
final class LoggerReplies {

    private LoggerReplies() {}

    static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int previous = -1;
        int b;
        while ((b = in.read()) >= 0) {
            out.write(b);
            if (previous == '\r' && b == '\n') {
                break;
            }
            previous = b;
        }
        return out.toByteArray();
    }
}
