package org.urad.envmon.ingest.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.urad.envmon.ingest.IngestApplication;
import org.urad.envmon.ingest.metrics.IngestMetrics;
import org.urad.envmon.ingest.metrics.RuleMetrics;
import org.urad.envmon.ingest.support.Db;
import org.urad.envmon.ingest.support.MigratedDatabase;
import org.urad.envmon.ingest.support.TestBroker;
import org.urad.envmon.ingest.support.TestPublisher;
import org.urad.envmon.ingest.support.TestServices;

/**
 * Verifies the scale-out profile's promise on three whole instances of the service (Spring contexts in
 * this JVM) sharing one PostgreSQL and one broker (the test's own), on one MQTT 5 shared subscription:
 * breaching readings, the closed quarter's groundwater rules and the calibration-overdue status rules
 * each raise one alert and one webhook delivery; each rule window is evaluated by one instance; the
 * aggregates are refreshed once per tick of their interval. (Each reading stored once, and the
 * acknowledgements when an instance is killed: {@link SharedSubscriptionIntegrationTests}.)
 */
class ScaleOutIntegrationTests {

    private static final int INSTANCES = 3;
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Duration REFRESH = Duration.ofSeconds(1);
    private static final Duration WAIT = Duration.ofSeconds(90);
    /** Control wells of the built-in sample registry, with their control levels (m). */
    private static final Map<String, Double> CONTROL_WELLS = Map.of("W0011", 1042.7, "W0032", 1045.3);

    private static final String COKE_CEMS = "CEMS-SHENHUA-COKE";
    private static final Pattern ALERT_ID = Pattern.compile("\"alert_id\":(\\d+)");

    @Test
    void rulesNotificationsAndAggregateRefreshesRunOnceAcrossThreeInstances() throws Exception {
        String prefix = "scale-" + UUID.randomUUID().toString().substring(0, 8) + "/v1";
        String group = "ingest-" + UUID.randomUUID().toString().substring(0, 8);
        try (TestBroker broker = TestBroker.create();
                Webhook webhook = new Webhook();
                MigratedDatabase database = MigratedDatabase.create("scale_out")) {
            List<ConfigurableApplicationContext> instances = new ArrayList<>();
            try {
                Db db = new Db(database.dataSource());
                // GIVEN a control well below its level all through the last closed quarter, and a CEMS whose
                // data began eight days ago without a calibration since
                seedClosedQuarter(database, "W0011", CONTROL_WELLS.get("W0011") - 3.0);
                new JdbcTemplate(database.dataSource())
                        .update("INSERT INTO cems_reading (device_id, parameter, period, stat, ts, value) SELECT '"
                                + COKE_CEMS + "', p, 'min', 'avg', now() - interval '8 days', 10"
                                + " FROM unnest(ARRAY['a21026', 'a21002', 'a34013', 'a19001']) p");
                // and three instances on one shared subscription, rules and refreshes on a short schedule
                Instant started = Instant.now();
                for (int i = 0; i < INSTANCES; i++) {
                    instances.add(start(database.url(), broker.url(), prefix, group, webhook.url()));
                }

                // WHEN each control well sends one reading below its level
                try (TestPublisher device = new TestPublisher(broker.url())) {
                    Instant at = Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
                    CONTROL_WELLS.forEach((well, level) -> device.publish(
                            prefix + "/well/" + well + "/json",
                            "{\"device\":\"" + well + "\",\"readings\":[{\"param\":\"gw_level\",\"value\":"
                                    + (level - 2.0) + ",\"time\":\"" + at + "\"}]}"));
                }

                // THEN each breach, the quarter and the overdue calibrations raise their alerts
                await(
                        "point, quarter and calibration alerts",
                        () -> db.count("""
                                SELECT count(DISTINCT rule_id) FROM alert
                                 WHERE rule_id IN ('GW_READING_BELOW_CONTROL_LEVEL', 'GW_BELOW_CONTROL_LEVEL',
                                                   'CEMS_CALIBRATION_OVERDUE')""") == 3
                                && db.count(
                                                "SELECT count(*) FROM alert WHERE rule_id = 'GW_READING_BELOW_CONTROL_LEVEL'")
                                        == CONTROL_WELLS.size());
                // and every alert is delivered to the webhook, once
                await(
                        "a delivery of every alert",
                        () -> webhook.alertIds().size()
                                >= db.count("SELECT count(*) FROM alert WHERE state <> 'resolved'"));
                Thread.sleep(3 * REFRESH.toMillis()); // a few more passes of every schedule on every instance

                assertThat(db.count("SELECT count(*) FROM alert WHERE rule_id = 'GW_BELOW_CONTROL_LEVEL'"))
                        .isOne();
                assertThat(db.count("SELECT count(*) FROM alert WHERE rule_id = 'CEMS_CALIBRATION_OVERDUE'"))
                        .isGreaterThanOrEqualTo(1);
                Map<Long, Integer> deliveries = webhook.deliveriesPerAlert();
                List<String> active = db.strings("SELECT id::text FROM alert WHERE state <> 'resolved' ORDER BY id");
                assertThat(deliveries.keySet())
                        .as("alerts delivered")
                        .containsExactlyInAnyOrderElementsOf(
                                active.stream().map(Long::valueOf).toList());
                assertThat(deliveries.values()).as("deliveries per alert").containsOnly(1);
                assertThat(db.count("SELECT count(*) FROM alert_event WHERE kind = 'opened'"))
                        .isEqualTo(active.size());

                // and each rule window was evaluated by one instance only
                Map<String, Double> evaluated = new TreeMap<>();
                for (ConfigurableApplicationContext c : instances) {
                    for (Counter counter :
                            meters(c).find(RuleMetrics.WINDOWS_EVALUATED).counters()) {
                        evaluated.merge(counter.getId().getTag("group"), counter.count(), Double::sum);
                    }
                }
                assertThat(evaluated).containsKeys("gw_quarter", "status");
                evaluated.forEach((g, n) -> assertThat(n)
                        .as("evaluations of %s windows across instances", g)
                        .isEqualTo(db.count(
                                "SELECT count(*) FROM rule_window_run WHERE rule_group = ? AND evaluated_at IS NOT NULL",
                                g)));
                assertThat(evaluated.get("gw_quarter")).isEqualTo(1.0);

                // and the aggregates were refreshed once per second across the three instances
                double refreshes = 0;
                for (ConfigurableApplicationContext c : instances) {
                    refreshes += meters(c)
                            .get(IngestMetrics.AGGREGATE_REFRESHES)
                            .counter()
                            .count();
                }
                long seconds = Duration.between(started, Instant.now()).toSeconds();
                assertThat(refreshes)
                        .as("refreshes in %d s", seconds)
                        .isGreaterThanOrEqualTo(2)
                        .isLessThanOrEqualTo(seconds / REFRESH.toSeconds() + 1)
                        .isEqualTo(db.count("SELECT count(*) FROM rule_window_run WHERE rule_group = 'rollups'"));
            } finally {
                for (ConfigurableApplicationContext c : instances) {
                    c.close();
                }
            }
        }
    }

    private static ConfigurableApplicationContext start(
            String jdbcUrl, String mqttUrl, String prefix, String group, String webhook) {
        SpringApplication app = new SpringApplication(IngestApplication.class);
        return app.run(
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=" + TestServices.user(),
                "--spring.datasource.password=" + TestServices.password(),
                "--ingest.embedded.enabled=false",
                "--ingest.mqtt.url=" + mqttUrl,
                "--ingest.mqtt.client-id=scale-out-" + UUID.randomUUID(),
                "--ingest.mqtt.shared-group=" + group,
                "--ingest.mqtt.topic-prefix=" + prefix,
                "--ingest.notify.channels[0].name=ops",
                "--ingest.notify.channels[0].type=webhook",
                "--ingest.notify.channels[0].url=" + webhook,
                "--ingest.notify.poll-interval=100ms",
                "--ingest.rules.window-interval=" + REFRESH.toMillis() + "ms",
                "--ingest.rules.status-interval=300ms",
                "--ingest.rules.notify-within=400d",
                "--ingest.rollups.refresh-interval=" + REFRESH.toMillis() + "ms",
                "--server.port=0");
    }

    /** A reading a day at 08:00 local time through the whole quarter before the current one. */
    private static void seedClosedQuarter(MigratedDatabase database, String well, double level) {
        ZonedDateTime now = ZonedDateTime.now(SHANGHAI);
        ZonedDateTime quarter = now.withDayOfMonth(1)
                .withMonth(((now.getMonthValue() - 1) / 3) * 3 + 1)
                .truncatedTo(ChronoUnit.DAYS)
                .minusMonths(3);
        JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
        for (ZonedDateTime day = quarter; day.isBefore(quarter.plusMonths(3)); day = day.plusDays(1)) {
            jdbc.update(
                    "INSERT INTO well_reading (device_id, parameter, ts, value) VALUES (?, 'gw_level', ?, ?)",
                    well,
                    Timestamp.from(day.plusHours(8).toInstant()),
                    level);
        }
    }

    private static MeterRegistry meters(ConfigurableApplicationContext context) {
        return context.getBean(MeterRegistry.class);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    /** A webhook receiver on a local port that keeps every POST body. */
    private static final class Webhook implements AutoCloseable {
        private final List<String> bodies = new CopyOnWriteArrayList<>();
        private final HttpServer server;

        Webhook() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
            server.createContext("/hook", exchange -> {
                bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        Map<Long, Integer> deliveriesPerAlert() {
            Map<Long, Integer> out = new TreeMap<>();
            for (String body : bodies) {
                Matcher m = ALERT_ID.matcher(body);
                out.merge(m.find() ? Long.parseLong(m.group(1)) : -1L, 1, Integer::sum);
            }
            return out;
        }

        Set<Long> alertIds() {
            return deliveriesPerAlert().keySet();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
