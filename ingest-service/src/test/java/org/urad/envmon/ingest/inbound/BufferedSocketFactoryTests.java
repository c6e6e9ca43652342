package org.urad.envmon.ingest.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

class BufferedSocketFactoryTests {

    @Test
    void deliversEveryByteInOrderAcrossReadTimeouts() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new BufferedSocketFactory().createSocket()) {
            client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
            client.setSoTimeout(200);
            try (Socket peer = server.accept()) {
                OutputStream out = peer.getOutputStream();
                DataInputStream in = new DataInputStream(client.getInputStream());

                out.write(new byte[] {0x30, 3, 'a', 'b', 'c', 0x40});
                out.flush();
                assertThat(in.readByte()).isEqualTo((byte) 0x30);
                assertThat(in.available()).isEqualTo(5);
                assertThat(in.readByte()).isEqualTo((byte) 3);
                byte[] body = new byte[3];
                in.readFully(body);
                assertThat(body).containsExactly('a', 'b', 'c');
                assertThat(in.readByte()).isEqualTo((byte) 0x40);
                assertThatThrownBy(in::readByte).isInstanceOf(SocketTimeoutException.class);

                out.write(new byte[] {2, 'x', 'y'});
                out.flush();
                assertThat(in.readByte()).isEqualTo((byte) 2);
                assertThat(in.readByte()).isEqualTo((byte) 'x');
                assertThat(in.readByte()).isEqualTo((byte) 'y');
            }
        }
    }
}
