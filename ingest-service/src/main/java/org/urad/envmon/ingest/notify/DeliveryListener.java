package org.urad.envmon.ingest.notify;

/** Told what became of each notification, e.g. to record it in the alert's history. */
public interface DeliveryListener {

    DeliveryListener NONE = new DeliveryListener() {
        @Override
        public void delivered(AlertMessage message, String channel, int attempts) {}

        @Override
        public void failed(AlertMessage message, String channel, int attempts, String reason) {}
    };

    void delivered(AlertMessage message, String channel, int attempts);

    void failed(AlertMessage message, String channel, int attempts, String reason);
}
