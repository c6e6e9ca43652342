package org.urad.envmon.ingest.inbound.tcp;

import java.time.Duration;

/** A wait as operators read it in the command log: whole minutes where it is some, else seconds. */
final class Waits {

    private Waits() {}

    /** "2 分钟", "90 秒". */
    static String zh(Duration wait) {
        long s = wait.toSeconds();
        return s % 60 == 0 && s > 0 ? s / 60 + " 分钟" : s + " 秒";
    }

    /** "2 min", "90 s". */
    static String en(Duration wait) {
        long s = wait.toSeconds();
        return s % 60 == 0 && s > 0 ? s / 60 + " min" : s + " s";
    }
}
