package org.urad.envmon.ingest.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.urad.envmon.ingest.support.OnMessage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two comparison subscribers: one that only counts and acknowledges (the broker's ceiling), and the
 * naive service (parse the JSON, one INSERT and commit per reading, then acknowledge).
 */
final class Subscribers {

    private Subscribers() {}

    /** A QoS 1 subscriber whose handler runs for each message before Paho acknowledges it. */
    static final class Counting implements OnMessage, AutoCloseable {

        interface Handler {
            void handle(byte[] payload) throws Exception;
        }

        private final MqttAsyncClient client;
        private final Handler handler;
        private final AtomicLong messages = new AtomicLong();

        Counting(String url, String filter, Handler handler) throws MqttException {
            this.handler = handler;
            this.client = new MqttAsyncClient(url, "bench-sub-" + UUID.randomUUID(), new MemoryPersistence());
            client.setCallback(this);
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setCleanStart(true);
            o.setReceiveMaximum(10000);
            client.connect(o).waitForCompletion(10_000);
            client.subscribe(filter, 1).waitForCompletion(10_000);
        }

        long messages() {
            return messages.get();
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) throws Exception {
            handler.handle(message.getPayload());
            messages.incrementAndGet();
        }

        @Override
        public void close() throws MqttException {
            client.disconnect().waitForCompletion(10_000);
            client.close();
        }
    }

    static Counting ackOnly(String url, String filter) throws MqttException {
        return new Counting(url, filter, payload -> {});
    }

    /** Parses each message and INSERTs and commits each of its readings on its own. */
    static Counting naive(String url, String filter, DataSource dataSource) throws MqttException, SQLException {
        ObjectMapper json = JsonMapper.builder().build();
        Connection c = dataSource.getConnection();
        c.setAutoCommit(true);
        PreparedStatement insert = c.prepareStatement("INSERT INTO well_reading (device_id, parameter, ts, value, seq)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
        return new Counting(url, filter, payload -> {
            JsonNode message = json.readTree(payload);
            for (JsonNode r : message.get("readings")) {
                insert.setString(1, message.get("device").asString());
                insert.setString(2, r.get("param").asString());
                insert.setTimestamp(
                        3, Timestamp.from(Instant.parse(r.get("time").asString())));
                insert.setDouble(4, r.get("value").asDouble());
                insert.setLong(5, message.get("seq").asLong());
                insert.executeUpdate();
            }
        });
    }
}
