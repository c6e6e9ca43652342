package org.urad.envmon.ingest.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.urad.envmon.ingest.decode.DecodeException;
import org.urad.envmon.ingest.decode.hj212.Hj212Codec;
import org.urad.envmon.ingest.decode.hj212.Hj212Frame;
import org.urad.envmon.ingest.decode.hj212.Hj212FrameSplitter;
import org.urad.envmon.ingest.decode.hj212.Hj212Time;
import org.urad.envmon.ingest.reading.Family;
import org.urad.envmon.ingest.registry.Device;
import org.urad.envmon.ingest.registry.Monitor;

/**
 * A simulated HJ 212 data logger on TCP (the simulator's logger mode): it makes a minute-data record of its
 * monitor every time it is told to ({@link #record}), keeps it ({@link LoggerHistory}) and uploads it (2051)
 * while connected; while its link is down the record is only kept. Its reader thread answers the platform's
 * history requests from what it kept ({@link LoggerAnswers}). The QN of its frames is its clock.
 */
public final class SimulatedLogger implements AutoCloseable {

    private final Simulation simulation;
    private final Device device;
    private final LoggerAnswers frames;
    private final Clock clock;
    private final LoggerHistory history = new LoggerHistory();
    private final List<Hj212Frame> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger answered = new AtomicInteger();
    private volatile Socket socket;
    private volatile OutputStream out;

    /** @param st the HJ 212 system code of the monitor (31 flue gas, 32 wastewater) */
    public SimulatedLogger(Simulation simulation, Device device, Monitor monitor, String st, Clock clock) {
        this.simulation = simulation;
        this.device = device;
        this.frames = new LoggerAnswers(st, monitor.mn(), monitor.password());
        this.clock = clock;
    }

    /** The HJ 212 system code of a monitor: 31 flue gas, 32 wastewater. */
    public static String st(Device device) {
        return device.family() == Family.CEMS ? "31" : "32";
    }

    /** The link comes up: connects and starts answering. */
    public synchronized void connect(String host, int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(host, port), 5_000);
        socket = s;
        out = s.getOutputStream();
        Thread reader = new Thread(() -> answer(s), "simulated-logger-" + device.id());
        reader.setDaemon(true);
        reader.start();
    }

    /** The link goes down: records are only kept until it is back. */
    public synchronized void disconnect() {
        Socket s = socket;
        socket = null;
        out = null;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // gone anyway
            }
        }
    }

    public boolean connected() {
        return socket != null;
    }

    /** Makes the record of {@code t}, keeps it and uploads it when connected; false when the monitor sends none. */
    public boolean record(Instant t) {
        var message = simulation.message(device, t);
        if (message.isEmpty()) {
            return false;
        }
        history.add(message.get());
        if (connected()) {
            write(frames.upload(message.get(), Hj212Time.qn(clock.instant())));
        }
        return true;
    }

    /** The history requests received (2051 / 2061 / 2031), oldest first. */
    public List<Hj212Frame> requests() {
        return List.copyOf(requests);
    }

    /** Data frames sent in answer to history requests. */
    public int recordsAnswered() {
        return answered.get();
    }

    public int kept() {
        return history.size();
    }

    @Override
    public void close() {
        disconnect();
    }

    private void answer(Socket s) {
        Hj212FrameSplitter splitter = new Hj212FrameSplitter();
        byte[] chunk = new byte[4096];
        try {
            InputStream in = s.getInputStream();
            int n;
            while ((n = in.read(chunk)) >= 0) {
                for (byte[] bytes : splitter.feed(chunk, 0, n).frames()) {
                    handle(bytes);
                }
            }
        } catch (IOException e) {
            // the link went down
        }
    }

    private void handle(byte[] bytes) {
        Hj212Frame command;
        try {
            command = Hj212Codec.decode(bytes);
        } catch (DecodeException e) {
            return;
        }
        List<byte[]> answers = frames.answer(command, history);
        boolean request = switch (command.cn()) {
            case LoggerAnswers.CN_MINUTE, LoggerAnswers.CN_HOUR, LoggerAnswers.CN_DAY -> true;
            default -> false;
        };
        if (request) {
            requests.add(command);
            answered.addAndGet(Math.max(0, answers.size() - 2));
        }
        for (byte[] frame : answers) {
            write(frame);
        }
    }

    private synchronized void write(byte[] frame) {
        OutputStream o = out;
        if (o == null) {
            return;
        }
        try {
            o.write(frame);
            o.flush();
        } catch (IOException e) {
            disconnect();
        }
    }
}
