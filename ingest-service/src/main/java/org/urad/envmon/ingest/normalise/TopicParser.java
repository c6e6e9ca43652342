package org.urad.envmon.ingest.normalise;

import java.util.Optional;
import org.urad.envmon.ingest.reading.Family;

/**
 * Parses the topic tree {@code <prefix>/{family}/{deviceId}/{format}}, e.g. {@code
 * urad/v1/well/W0001/json}. A shared-subscription prefix is never part of a received topic. Runs for
 * every message, so it scans the topic once instead of splitting it and matching a pattern.
 */
public final class TopicParser {

    private static final int MAX_DEVICE_ID = 64;

    private final String prefix;

    public TopicParser(String prefix) {
        this.prefix = prefix.endsWith("/") ? prefix : prefix + "/";
    }

    /** The subscription filter matching every device topic under the prefix. */
    public String filter() {
        return prefix + "+/+/+";
    }

    public String topic(Family family, String deviceId, String format) {
        return prefix + family.code() + "/" + deviceId + "/" + format;
    }

    public Optional<Topic> parse(String topic) {
        if (!topic.startsWith(prefix)) {
            return Optional.empty();
        }
        int familyEnd = topic.indexOf('/', prefix.length());
        int deviceEnd = familyEnd < 0 ? -1 : topic.indexOf('/', familyEnd + 1);
        if (deviceEnd < 0
                || deviceEnd == topic.length() - 1
                || topic.indexOf('/', deviceEnd + 1) >= 0
                || !isDeviceId(topic, familyEnd + 1, deviceEnd)) {
            return Optional.empty();
        }
        return Family.fromCode(topic.substring(prefix.length(), familyEnd))
                .map(family ->
                        new Topic(family, topic.substring(familyEnd + 1, deviceEnd), topic.substring(deviceEnd + 1)));
    }

    /** {@code [A-Za-z0-9][A-Za-z0-9_.-]{0,63}} in {@code s[from, to)}. */
    private static boolean isDeviceId(String s, int from, int to) {
        if (to <= from || to - from > MAX_DEVICE_ID || !isAsciiLetterOrDigit(s.charAt(from))) {
            return false;
        }
        for (int i = from + 1; i < to; i++) {
            char c = s.charAt(i);
            if (!isAsciiLetterOrDigit(c) && c != '_' && c != '.' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
