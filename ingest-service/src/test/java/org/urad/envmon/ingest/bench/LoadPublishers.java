package org.urad.envmon.ingest.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/**
 * Several Paho v5 publishers in parallel, each sending its share of the devices round-robin at QoS 1
 * with the {@code sent-at} user property: as fast as the broker acknowledges, or at a fixed total rate.
 */
final class LoadPublishers {

    private static final int WINDOW = 1000;

    private final String url;
    private final int clients;

    LoadPublishers(String url, int clients) {
        this.url = url;
        this.clients = clients;
    }

    /** Publishes for {@code duration} ({@code rate} ≤ 0: as fast as possible); returns messages published. */
    long run(Messages messages, Duration duration, double rate) throws Exception {
        List<Thread> threads = new ArrayList<>();
        AtomicLong published = new AtomicLong();
        List<Exception> failures = new ArrayList<>();
        long end = System.nanoTime() + duration.toNanos();
        for (int c = 0; c < clients; c++) {
            int first = c;
            Thread t = new Thread(
                    () -> {
                        try {
                            published.addAndGet(publish(messages, first, end, rate / clients));
                        } catch (Exception e) {
                            synchronized (failures) {
                                failures.add(e);
                            }
                        }
                    },
                    "bench-publisher-" + c);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        return published.get();
    }

    private long publish(Messages messages, int first, long end, double rate) throws Exception {
        MqttAsyncClient client = new MqttAsyncClient(url, "bench-pub-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        client.connect(options).waitForCompletion(10_000);
        Semaphore window = new Semaphore(WINDOW);
        MqttActionListener release = new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                window.release();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable exception) {
                window.release();
            }
        };
        long start = System.nanoTime();
        double nanosPerMessage = rate > 0 ? 1e9 / rate : 0;
        long n = 0;
        int devicesHere = (messages.devices() - first + clients - 1) / clients;
        while (System.nanoTime() < end) {
            if (rate > 0) {
                long wait = start + (long) (n * nanosPerMessage) - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
            int device = first + 1 + (int) (n % devicesHere) * clients;
            long round = n / devicesHere;
            window.acquire();
            send(client, messages.topic(device), messages.payload(device, round), release);
            n++;
        }
        window.acquire(WINDOW);
        client.disconnect().waitForCompletion(10_000);
        client.close();
        return n;
    }

    private static void send(MqttAsyncClient client, String topic, byte[] payload, MqttActionListener listener)
            throws MqttException {
        while (true) {
            MqttMessage message = new MqttMessage(payload, 1, false, null);
            MqttProperties properties = new MqttProperties();
            properties.setUserProperties(
                    List.of(new UserProperty("sent-at", Long.toString(System.currentTimeMillis()))));
            message.setProperties(properties);
            try {
                client.publish(topic, message, null, listener);
                return;
            } catch (MqttException e) {
                if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT) {
                    throw e;
                }
                LockSupport.parkNanos(50_000);
            }
        }
    }
}
