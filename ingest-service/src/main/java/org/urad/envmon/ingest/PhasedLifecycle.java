package org.urad.envmon.ingest;

import org.springframework.context.SmartLifecycle;

/**
 * Starts and stops one edge of the service in a given phase: the pipeline late (after the database
 * and registry are ready) and first on shutdown, so that what it holds is committed and
 * acknowledged while the database is still there; the HJ 212 port after the pipeline.
 */
final class PhasedLifecycle implements SmartLifecycle {

    @FunctionalInterface
    interface Action {
        void run() throws Exception;
    }

    private final String name;
    private final int phase;
    private final Action start;
    private final Action stop;
    private volatile boolean running;

    PhasedLifecycle(String name, int phase, Action start, Action stop) {
        this.name = name;
        this.phase = phase;
        this.start = start;
        this.stop = stop;
    }

    @Override
    public void start() {
        call(start, "start");
        running = true;
    }

    @Override
    public void stop() {
        try {
            call(stop, "stop");
        } finally {
            running = false;
        }
    }

    private void call(Action action, String what) {
        try {
            action.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("cannot " + what + " " + name, e);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return phase;
    }
}
