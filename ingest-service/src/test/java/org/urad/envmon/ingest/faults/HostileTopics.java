package org.urad.envmon.ingest.faults;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Topics under the campaign's prefix that the service's subscription ({@code <prefix>/+/+/+}) receives but no
 * device may use: empty levels, other scripts, levels thousands of characters long, random formats; and, as
 * bytes, topics with NUL, control characters or invalid UTF-8, which the broker itself should refuse.
 */
final class HostileTopics {

    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final String prefix;

    HostileTopics(String prefix) {
        this.prefix = prefix;
    }

    /** A three-level topic whose family, device or format level is several thousand characters long. */
    String longLevel(Random rnd, String device) {
        String level = random(rnd, 2_000 + rnd.nextInt(6_000));
        return switch (rnd.nextInt(4)) {
            case 0 -> prefix + "/" + level + "/" + device + "/json";
            case 1 -> prefix + "/well/" + level + "/json";
            default -> prefix + "/well/" + device + "/" + level;
        };
    }

    /** A short random last level: a payload format nobody defined. */
    String randomFormat(Random rnd, String device) {
        return prefix + "/well/" + device + "/" + random(rnd, 1 + rnd.nextInt(12));
    }

    /** Empty levels, other scripts, other cases, a well on another family's topic, a device id no device has. */
    String odd(Random rnd, String device) {
        return switch (rnd.nextInt(14)) {
            case 0 -> prefix + "//" + device + "/json";
            case 1 -> prefix + "/well//json";
            case 2 -> prefix + "/well/" + device + "/";
            case 3 -> prefix + "///";
            case 4 -> prefix + "/\u4e95/" + device + "/json";
            case 5 -> prefix + "/well/W\u4e95" + rnd.nextInt(1000) + "/json";
            case 6 -> prefix + "/well/" + device + "/\uff4a\uff53\uff4f\uff4e";
            case 7 -> prefix + "/well/" + device + "/json\ud83d\ude00";
            case 8 -> prefix + "/WELL/" + device + "/json";
            case 9 -> prefix + "/well/" + device + "/JSON";
            case 10 -> prefix + "/well/" + device + "/json ";
            case 11 -> prefix + "/gate/" + device + "/json";
            case 12 -> prefix + "/well/-" + device + "/json";
            default -> prefix + "/well/" + device + "\u0661/json";
        };
    }

    /** A topic (as bytes) holding NUL, another control character, or bytes that are not UTF-8. */
    byte[] control(Random rnd, String device) {
        byte[][] bad = {
            {0x00},
            {0x01},
            {0x1b},
            {0x7f},
            {(byte) 0xff},
            {(byte) 0xc0, (byte) 0x80},
            {(byte) 0x80},
            {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
            {(byte) 0xc2, (byte) 0x85}
        };
        String[] levels = {"well", device, "json"};
        int level = rnd.nextInt(levels.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((prefix + "/").getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < levels.length; i++) {
            byte[] text = levels[i].getBytes(StandardCharsets.UTF_8);
            int at = rnd.nextInt(text.length + 1);
            out.write(text, 0, i == level ? at : text.length);
            if (i == level) {
                out.writeBytes(bad[rnd.nextInt(bad.length)]);
                out.write(text, at, text.length - at);
            }
            if (i < levels.length - 1) {
                out.write('/');
            }
        }
        return out.toByteArray();
    }

    /** Whether a client library sends this topic as is: printable ASCII without wildcards. */
    static boolean plain(String topic) {
        for (int i = 0; i < topic.length(); i++) {
            char c = topic.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '+' || c == '#') {
                return false;
            }
        }
        return true;
    }

    static String random(Random rnd, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(ALNUM.charAt(rnd.nextInt(ALNUM.length())));
        }
        return s.toString();
    }
}
