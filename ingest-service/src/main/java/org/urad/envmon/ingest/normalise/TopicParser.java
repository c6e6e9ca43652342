package org.urad.envmon.ingest.normalise;

import java.util.Optional;
import java.util.regex.Pattern;
import org.urad.envmon.ingest.reading.Family;

/**
 * Parses the topic tree {@code <prefix>/{family}/{deviceId}/{format}}, e.g. {@code
 * urad/v1/well/W0001/json}. A shared-subscription prefix is never part of a received topic.
 */
public final class TopicParser {

    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

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
        String[] parts = topic.substring(prefix.length()).split("/", -1);
        if (parts.length != 3 || !DEVICE_ID.matcher(parts[1]).matches() || parts[2].isEmpty()) {
            return Optional.empty();
        }
        return Family.fromCode(parts[0]).map(family -> new Topic(family, parts[1], parts[2]));
    }
}
