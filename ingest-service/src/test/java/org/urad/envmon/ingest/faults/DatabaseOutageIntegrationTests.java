package org.urad.envmon.ingest.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.urad.envmon.ingest.metrics.IngestMetrics;
import org.urad.envmon.ingest.simulator.MqttPublisher;
import org.urad.envmon.ingest.support.MigratedDatabase;
import org.urad.envmon.ingest.support.TcpProxy;
import org.urad.envmon.ingest.support.TestServices;

/**
 * Verifies that while PostgreSQL is unreachable the service commits and acknowledges nothing, holds what
 * it received, and stores everything once the database is back, without being restarted.
 */
class DatabaseOutageIntegrationTests {

    private static final int BEFORE = 500;
    private static final int DURING = 1500;
    private static final Duration OUTAGE = Duration.ofSeconds(4);

    @Test
    void pausesWithoutAcknowledgingWhileTheDatabaseIsDownAndRecoversUnattended() throws Exception {
        try (Scenario s = new Scenario("PostgreSQL unreachable " + OUTAGE.toSeconds() + " s");
                TcpProxy proxy = TcpProxy.to(port(s.database.url()));
                HikariDataSource throughProxy = MigratedDatabase.pool(viaProxy(s.database.url(), proxy.port()));
                MqttPublisher publisher = s.publisher(TestServices.mqttUrl())) {
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            s.start(s.properties(TestServices.mqttUrl(), Scenario.clientId()), throughProxy, meters);
            s.publish(publisher, 0, BEFORE);
            assertThat(s.awaitStored(BEFORE)).isEqualTo(BEFORE);
            awaitAcknowledged(meters, BEFORE);

            // WHEN the database becomes unreachable while readings keep coming
            proxy.cut();
            s.publish(publisher, BEFORE, BEFORE + DURING);
            assertThat(publisher.awaitCompletion(Scenario.WAIT)).isTrue();
            Scenario.awaitTrue("a failed flush", () -> Scenario.counter(meters, IngestMetrics.FLUSH_FAILURES) > 0);
            Thread.sleep(OUTAGE.toMillis());

            // THEN nothing more is committed or acknowledged: the broker still holds those messages
            assertThat(s.stored()).isEqualTo(BEFORE);
            assertThat(acknowledged(meters)).isEqualTo(BEFORE);
            double failures = Scenario.counter(meters, IngestMetrics.FLUSH_FAILURES);

            // AND once it is back, everything is stored exactly once without a restart
            long restored = System.nanoTime();
            proxy.restore();
            assertThat(s.awaitStored(BEFORE + DURING)).isEqualTo(BEFORE + DURING);
            Duration recovery = Duration.ofNanos(System.nanoTime() - restored);
            FaultReport.Row row = s.report(BEFORE + DURING, 0, recovery);
            System.out.printf("fault-suite database outage: %.0f failed flushes during the outage%n", failures);
            assertThat(row.lost()).isZero();
            assertThat(row.duplicated()).isZero();
        }
    }

    private static int port(String jdbcUrl) {
        int port = URI.create(jdbcUrl.substring("jdbc:".length())).getPort();
        return port < 0 ? 5432 : port;
    }

    private static String viaProxy(String url, int port) {
        return url.replaceFirst("//[^/]+/", "//127.0.0.1:" + port + "/");
    }

    /** Messages acknowledged so far: the flusher records the receive-to-commit lag as it acknowledges each. */
    private static long acknowledged(SimpleMeterRegistry meters) {
        var timer = meters.find(IngestMetrics.RECEIVE_TO_COMMIT).timer();
        return timer == null ? 0 : timer.count();
    }

    private static void awaitAcknowledged(SimpleMeterRegistry meters, long n) throws InterruptedException {
        Scenario.awaitTrue(n + " acknowledged", () -> acknowledged(meters) >= n);
    }
}
