package org.urad.envmon.ingest.deploy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.urad.envmon.ingest.support.OnMessage;

/** Counts the messages a test client receives. */
record Received(CountDownLatch latch, AtomicInteger count) implements OnMessage {

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        count.incrementAndGet();
        latch.countDown();
    }
}
