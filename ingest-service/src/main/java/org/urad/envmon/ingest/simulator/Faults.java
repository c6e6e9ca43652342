package org.urad.envmon.ingest.simulator;

/**
 * Everyday faults, drawn per device and interval: a skipped interval (the message never comes)
 * and a message whose readings carry an instrument-fault (D) or communication-fault (B) flag.
 * Devices with a scripted breach are spared, so their breach shows exactly as scripted.
 *
 * @param gapRate share of intervals skipped
 * @param flagRate share of messages flagged D, and again of messages flagged B
 */
public record Faults(double gapRate, double flagRate) {

    public static Faults typical() {
        return new Faults(0.01, 0.003);
    }

    public static Faults none() {
        return new Faults(0, 0);
    }
}
