package org.urad.envmon.ingest.simulator;

import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.urad.envmon.ingest.inbound.tcp.Hj212TcpListener;
import org.urad.envmon.ingest.registry.Registry;

/**
 * Runs live mode inside the service when {@code ingest.simulator.enabled=true}, publishing to the
 * service's own broker ({@code ingest.mqtt.url}) on a thread named {@code simulator}. Wells and gates with
 * a registered SZY 206 or SL 651 terminal report over TCP to the service's listener of that protocol when
 * it runs ({@code ingest.szy206.enabled}, {@code ingest.sl651.enabled}; {@link MessageRouter}). Uses the
 * service's registry, else reads the registry tables once at start.
 */
@Component
@ConditionalOnProperty(name = "ingest.simulator.enabled", havingValue = "true")
class SimulatorService implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SimulatorService.class);

    private final Supplier<Registry> registry;
    private final ObjectProvider<Hj212TcpListener> listeners;
    private final Map<String, TerminalLink> links = new ConcurrentHashMap<>();
    private final String brokerUrl;
    private final double speed;
    private final long seed;
    private final String breaches;
    private volatile Thread thread;
    private volatile LiveSimulator live;

    SimulatorService(
            ObjectProvider<Supplier<Registry>> registry,
            ObjectProvider<DataSource> dataSource,
            ObjectProvider<Hj212TcpListener> listeners,
            @Value("${ingest.mqtt.url}") String brokerUrl,
            @Value("${ingest.simulator.speed:1}") double speed,
            @Value("${ingest.simulator.seed:1}") long seed,
            @Value("${ingest.simulator.breaches:all}") String breaches) {
        this.registry = () -> {
            Supplier<Registry> service = registry.getIfAvailable();
            return service != null ? service.get() : read(dataSource.getObject());
        };
        this.listeners = listeners;
        this.brokerUrl = brokerUrl;
        this.speed = speed;
        this.seed = seed;
        this.breaches = breaches;
    }

    @Override
    public void start() {
        thread = new Thread(this::run, "simulator");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        Registry current = registry.get();
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var scripted = ScriptedBreaches.choose(current, ScriptedBreaches.Kind.parse(breaches), start);
        log.info("Simulating {} devices at speed {}: {}", current.devices().size(), speed, scripted);
        try (MqttPublisher publisher = new MqttPublisher(brokerUrl, "urad-simulator-" + seed, 1)) {
            listeners
                    .orderedStream()
                    .filter(l -> !l.protocol().equals("hj212"))
                    .forEach(l -> links.put(l.protocol(), new TerminalLink(l.protocol(), l.localAddress())));
            MessageSink router = new MessageRouter(current, publisher::publish, links);
            live = new LiveSimulator(new Simulation(current, seed, scripted, Faults.typical()), router, speed);
            live.run(start, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.error("Simulator stopped: {}", e.toString());
        } finally {
            links.values().forEach(TerminalLink::close);
        }
    }

    @Override
    public void stop() {
        LiveSimulator running = live;
        if (running != null) {
            running.stop();
        }
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
        thread = null;
    }

    /** Frames sent to, and confirmations received from, the listener of {@code protocol} (0 and 0 if none). */
    long[] terminalFrames(String protocol) {
        TerminalLink link = links.get(protocol);
        return link == null ? new long[] {0, 0} : new long[] {link.sent(), link.confirmed()};
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    /** Start after the service has subscribed, so the first round is not missed. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    private static Registry read(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return JdbcRegistryReader.read(c);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the registry for the simulator", e);
        }
    }
}
