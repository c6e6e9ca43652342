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
 * --mode logger --hj212 127.0.0.1:9212 --jdbc jdbc:postgresql://127.0.0.1:5432/envmon --device WQ-LVJIE
 * </pre>
 *
 * Logger mode plays one monitor as an HJ 212 data logger on TCP ({@link LoggerScript}): {@code --replay}
 * (12h), {@code --outage-after} (4h), {@code --outage} (2h), {@code --step} (1s).
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
            case "logger" -> {
                Registry registry = registry(o);
                String id = required(o, "device");
                var device = registry.device(id).orElseThrow(() -> new IllegalArgumentException("no device " + id));
                var monitor = registry.monitor(id)
                        .orElseThrow(() -> new IllegalArgumentException(id + " is not an online monitor"));
                String[] address = o.getOrDefault("hj212", "127.0.0.1:9212").split(":");
                var script = new LoggerScript(
                        duration(o.getOrDefault("replay", "12h")),
                        duration(o.getOrDefault("outage-after", "4h")),
                        duration(o.getOrDefault("outage", "2h")),
                        duration(o.getOrDefault("step", "1s")));
                var simulation = new Simulation(registry, seed, ScriptedBreaches.none(), faults);
                try (SimulatedLogger logger = new SimulatedLogger(
                        simulation, device, monitor, SimulatedLogger.st(device), java.time.Clock.systemUTC())) {
                    System.out.println("logger: " + id + " " + script);
                    script.run(
                            logger, device.reportingInterval(), address[0], Integer.parseInt(address[1]), () -> false);
                }
            }
            default -> throw new IllegalArgumentException("--mode must be live, backfill, load or logger: " + mode);
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
