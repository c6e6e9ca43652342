package org.urad.envmon.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.context.SmartLifecycle;
import org.urad.envmon.ingest.inbound.tcp.Hj212TcpListener;

/** Opens the HJ 212 port after the pipeline is running and closes it before the pipeline stops. */
final class ListenerLifecycle implements SmartLifecycle {

    private final Hj212TcpListener listener;
    private volatile boolean running;

    ListenerLifecycle(Hj212TcpListener listener) {
        this.listener = listener;
    }

    @Override
    public void start() {
        try {
            listener.start();
            running = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the HJ 212 port", e);
        }
    }

    @Override
    public void stop() {
        listener.stop();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 500;
    }
}
