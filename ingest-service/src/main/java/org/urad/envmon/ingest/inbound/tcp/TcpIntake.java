package org.urad.envmon.ingest.inbound.tcp;

import java.util.function.Consumer;

/**
 * What one connection's bytes become, per protocol: frames cut from the stream, checked, handed to the
 * pipeline with an acknowledgement that queues the protocol's confirmation after commit. Not thread-safe: the
 * connection's reader thread only.
 */
interface TcpIntake {

    /** Takes the next {@code n} bytes the terminal sent; blocks while the pipeline's buffer is full. */
    void accept(byte[] chunk, int n) throws InterruptedException;

    /** Called every so often by the listener's recovery thread (not the reader thread); must never block long. */
    default void tick() {}

    /** Unusable or unauthenticated frames since the last good one. */
    int badInARow();

    /** The connection is closing: quarantines whatever is held open. */
    void close() throws InterruptedException;

    /** Opens the intake of one connection. */
    @FunctionalInterface
    interface Factory {

        /** @param replies queues a reply to the terminal; called by the flusher after commit, never blocks */
        TcpIntake open(String peer, Consumer<byte[]> replies);
    }
}
