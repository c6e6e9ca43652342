package org.urad.envmon.ingest.config;

import java.util.HashMap;
import java.util.Map;

/**
 * Options of the one-shot commands that run without the service (extracts, broker credentials):
 * {@code --key=value} arguments over the database settings from {@code SPRING_DATASOURCE_URL},
 * {@code _USERNAME} and {@code _PASSWORD}.
 */
public final class CommandOptions {

    private CommandOptions() {}

    public static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        env(options, "SPRING_DATASOURCE_URL", "spring.datasource.url");
        env(options, "SPRING_DATASOURCE_USERNAME", "spring.datasource.username");
        env(options, "SPRING_DATASOURCE_PASSWORD", "spring.datasource.password");
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 2) {
                options.put(arg.substring(2, eq), arg.substring(eq + 1));
            }
        }
        return options;
    }

    public static String require(Map<String, String> options, String key) {
        String value = options.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + key + " is required");
        }
        return value;
    }

    private static void env(Map<String, String> options, String name, String key) {
        String value = System.getenv(name);
        if (value != null && !value.isBlank()) {
            options.put(key, value);
        }
    }
}
