package org.urad.envmon.ingest.simulator;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.urad.envmon.ingest.extract.Rollups;
import org.urad.envmon.ingest.registry.Registry;

/**
 * Runs the simulator on its own. Examples:
 *
 * <pre>
 * --mode live --broker tcp://127.0.0.1:1883 --jdbc jdbc:postgresql://127.0.0.1:5432/envmon --speed 60
 * --mode backfill --jdbc jdbc:postgresql://127.0.0.1:5432/envmon --from 2024-01-01 --to 2026-01-01
 * --mode load --broker tcp://127.0.0.1:1883 --devices 1000 --rate 2000 --readings-per-message 10 --duration 60s
 * </pre>
 *
 * Other options: {@code --seed} (1), {@code --breaches all|none|kind,…} (live: all; backfill:
 * meter-reset), {@code --faults on|off} (on), {@code --qos} (1), {@code --jdbc-user} (postgres),
 * {@code --jdbc-password}, {@code --mqtt-username}, {@code --mqtt-password}. On plain PostgreSQL a
 * backfill ends with a refresh of the aggregate rollups (migration V8).
 */
public final class SimulatorMain {

    private SimulatorMain() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        String mode = o.getOrDefault("mode", "live");
        long seed = Long.parseLong(o.getOrDefault("seed", "1"));
        int qos = Integer.parseInt(o.getOrDefault("qos", "1"));
        String broker = o.getOrDefault("broker", "tcp://127.0.0.1:1883");
        Faults faults = o.getOrDefault("faults", "on").equals("off") ? Faults.none() : Faults.typical();
        switch (mode) {
            case "live" -> {
                Registry registry = registry(o);
                Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
                var breaches = ScriptedBreaches.choose(
                        registry, ScriptedBreaches.Kind.parse(o.getOrDefault("breaches", "all")), start);
                System.out.println("live: " + registry.devices().size() + " devices, " + breaches);
                try (MqttPublisher publisher = new MqttPublisher(
                        broker, "urad-simulator-" + seed, qos, o.get("mqtt-username"), o.get("mqtt-password"))) {
                    var live = new LiveSimulator(new Simulation(registry, seed, breaches, faults), publisher, speed(o));
                    live.run(start, o.containsKey("duration") ? duration(o.get("duration")) : null);
                    publisher.awaitCompletion(Duration.ofSeconds(30));
                    System.out.println("live: published " + live.messages() + " messages");
                }
            }
            case "backfill" -> {
                Instant from = instant(required(o, "from"));
                Instant to = instant(required(o, "to"));
                try (Connection c = connect(o)) {
                    Registry registry = JdbcRegistryReader.read(c);
                    Instant middle = from.plus(Duration.between(from, to).dividedBy(2));
                    var breaches = ScriptedBreaches.choose(
                            registry,
                            ScriptedBreaches.Kind.parse(o.getOrDefault("breaches", "meter-reset")),
                            middle.truncatedTo(ChronoUnit.HOURS));
                    var simulation = new Simulation(registry, seed, breaches, faults);
                    System.out.println(new Backfill(simulation, c).run(from, to));
                    long started = System.nanoTime();
                    Rollups.refresh(c, Rollups.DEFAULT_LAG)
                            .ifPresent(rows -> System.out.printf(
                                    "backfill: refreshed rollups, %d rows in %.1f s%n",
                                    rows, (System.nanoTime() - started) / 1e9));
                }
            }
            case "load" -> {
                var plan = new LoadGenerator.Plan(
                        Integer.parseInt(o.getOrDefault("devices", "100")),
                        Double.parseDouble(o.getOrDefault("rate", "100")),
                        Integer.parseInt(o.getOrDefault("readings-per-message", "1")),
                        duration(o.getOrDefault("duration", "30s")));
                try (MqttPublisher publisher = new MqttPublisher(
                        broker, "urad-load-" + seed, qos, o.get("mqtt-username"), o.get("mqtt-password"))) {
                    System.out.println(LoadGenerator.run(publisher, plan) + ", QoS " + qos);
                }
            }
            default -> throw new IllegalArgumentException("--mode must be live, backfill or load: " + mode);
        }
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    private static Registry registry(Map<String, String> o) throws Exception {
        try (Connection c = connect(o)) {
            return JdbcRegistryReader.read(c);
        }
    }

    private static Connection connect(Map<String, String> o) throws Exception {
        Properties p = new Properties();
        p.setProperty("user", o.getOrDefault("jdbc-user", "postgres"));
        p.setProperty("password", o.getOrDefault("jdbc-password", ""));
        return DriverManager.getConnection(required(o, "jdbc"), p);
    }

    private static double speed(Map<String, String> o) {
        return Double.parseDouble(o.getOrDefault("speed", "1"));
    }

    private static String required(Map<String, String> o, String name) {
        String value = o.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    /** A local date (midnight, Asia/Shanghai) or an ISO instant. */
    static Instant instant(String text) {
        return text.length() == 10
                ? LocalDate.parse(text).atStartOfDay(ShanghaiTime.OFFSET).toInstant()
                : Instant.parse(text);
    }

    /** {@code 90s}, {@code 10m}, {@code 2h} or ISO-8601 ({@code PT90S}). */
    static Duration duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("p")) {
            return Duration.parse(text);
        }
        long amount = Long.parseLong(t.substring(0, t.length() - 1));
        return switch (t.charAt(t.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            default -> throw new IllegalArgumentException("duration like 90s, 10m, 2h or PT90S: " + text);
        };
    }
}
