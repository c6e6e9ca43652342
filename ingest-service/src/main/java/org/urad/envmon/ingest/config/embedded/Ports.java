package org.urad.envmon.ingest.config.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Picks listening ports for the embedded services: the configured one while it is free, any free one otherwise. */
public final class Ports {

    private Ports() {}

    /** {@code preferred} if nothing listens on it (0 means "any"), else a free port chosen by the kernel. */
    public static int preferredOrFree(int preferred) {
        if (preferred > 0 && isFree(preferred)) {
            return preferred;
        }
        return free();
    }

    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free TCP port on loopback", e);
        }
    }

    static boolean isFree(int port) {
        // Bind the wildcard address: a server bound to 0.0.0.0 or to loopback both make this fail.
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
