package org.urad.envmon.ingest.registry;

/**
 * An automatic flow-measurement gate on a canal section.
 *
 * @param terminal the SZY 206 / SL 651 terminal the gate reports through, or {@code null}
 * @param countsInCanalTotal whether its volume enters the canal's total ({@code canal_volume}, V25); gates in
 *     series on one canal measure the same water, so only one of them (the intake) should
 */
public record Gate(
        String deviceId,
        String canal,
        String sectionClass,
        boolean automated,
        Terminal terminal,
        boolean countsInCanalTotal) {

    /** A gate that counts in its canal's total. */
    public Gate(String deviceId, String canal, String sectionClass, boolean automated, Terminal terminal) {
        this(deviceId, canal, sectionClass, automated, terminal, true);
    }

    /** A gate without a SZY 206 / SL 651 terminal, counting in its canal's total. */
    public Gate(String deviceId, String canal, String sectionClass, boolean automated) {
        this(deviceId, canal, sectionClass, automated, null, true);
    }
}
