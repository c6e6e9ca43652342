package org.urad.envmon.ingest.simulator;

/** Where the live simulator sends each message it makes: the broker, or a terminal listener. */
@FunctionalInterface
public interface MessageSink {

    void send(SimulatedMessage message) throws Exception;
}
