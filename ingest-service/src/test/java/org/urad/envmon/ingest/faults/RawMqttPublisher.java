package org.urad.envmon.ingest.faults;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * An MQTT 3.1.1 client written on a bare socket, for topics a client library would refuse to send: NUL and
 * control characters, bytes that are not UTF-8. Publishes at QoS 1 one message at a time and reports whether
 * the broker acknowledged it; a broker that refuses a message closes the connection, and the next publish
 * connects again.
 */
final class RawMqttPublisher implements AutoCloseable {

    private final String host;
    private final int port;
    private Socket socket;
    private DataInputStream in;
    private OutputStream out;
    private int packetId;

    RawMqttPublisher(String url) {
        URI uri = URI.create(url);
        this.host = uri.getHost();
        this.port = uri.getPort();
    }

    /** True when the broker acknowledged the message (PUBACK), false when it closed the connection instead. */
    boolean publish(byte[] topic, byte[] payload) throws IOException {
        if (socket == null) {
            connect();
        }
        packetId = packetId % 65535 + 1;
        ByteArrayOutputStream body = new ByteArrayOutputStream(topic.length + payload.length + 4);
        writeString(body, topic);
        body.write(packetId >> 8);
        body.write(packetId & 0xff);
        body.write(payload);
        try {
            send(0x32, body.toByteArray());
            int type = in.readUnsignedByte();
            int length = in.readUnsignedByte();
            in.readFully(new byte[length]);
            if (type != 0x40) {
                throw new IOException("expected PUBACK, got packet type 0x" + Integer.toHexString(type));
            }
            return true;
        } catch (EOFException | SocketTimeoutException e) {
            disconnect();
            return false;
        } catch (IOException e) {
            // reset by the broker while writing or reading: refused as well
            disconnect();
            return false;
        }
    }

    private void connect() throws IOException {
        socket = new Socket(host, port);
        socket.setSoTimeout(5_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeString(body, "MQTT".getBytes(StandardCharsets.US_ASCII));
        body.write(4); // protocol level 3.1.1
        body.write(0x02); // clean session
        body.write(0);
        body.write(60); // keep alive, seconds
        writeString(body, ("raw-" + UUID.randomUUID()).substring(0, 23).getBytes(StandardCharsets.US_ASCII));
        send(0x10, body.toByteArray());
        byte[] connack = new byte[4];
        in.readFully(connack);
        if (connack[0] != 0x20 || connack[3] != 0) {
            throw new IOException("broker refused the connection: CONNACK return code " + connack[3]);
        }
    }

    private void send(int header, byte[] body) throws IOException {
        ByteArrayOutputStream packet = new ByteArrayOutputStream(body.length + 5);
        packet.write(header);
        int remaining = body.length;
        do {
            int digit = remaining % 128;
            remaining /= 128;
            packet.write(remaining > 0 ? digit | 0x80 : digit);
        } while (remaining > 0);
        packet.write(body);
        out.write(packet.toByteArray());
        out.flush();
    }

    private static void writeString(ByteArrayOutputStream out, byte[] s) {
        out.write(s.length >> 8);
        out.write(s.length & 0xff);
        out.write(s, 0, s.length);
    }

    private void disconnect() {
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException ignored) {
            // already gone
        }
        socket = null;
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                out.write(new byte[] {(byte) 0xe0, 0});
            } catch (IOException ignored) {
                // the broker may have closed it
            }
        }
        disconnect();
    }
}
