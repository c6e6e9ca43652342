package org.urad.envmon.ingest;

import org.springframework.context.SmartLifecycle;

/**
 * Starts the pipeline once everything else is up and stops it first on shutdown, so that what it
 * holds is committed and acknowledged while the database is still there.
 */
final class PipelineLifecycle implements SmartLifecycle {

    private final IngestPipeline pipeline;
    private volatile boolean running;

    PipelineLifecycle(IngestPipeline pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public void start() {
        try {
            pipeline.start();
            running = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        try {
            pipeline.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            running = false;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }
}
