package org.urad.envmon.ingest.support;

/** A broker someone else runs: only its URL. */
record ExternalTestBroker(String url) implements TestBroker {

    @Override
    public boolean canRestart() {
        return false;
    }

    @Override
    public void stop() {
        throw new UnsupportedOperationException("cannot stop the external broker " + url);
    }

    @Override
    public void start() {
        throw new UnsupportedOperationException("cannot start the external broker " + url);
    }

    @Override
    public void close() {}
}
