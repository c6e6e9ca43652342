package org.urad.envmon.ingest.registry;

/**
 * An automatic flow-measurement gate on a canal section.
 *
 * @param terminal the SZY 206 / SL 651 terminal the gate reports through, or {@code null}
 */
public record Gate(String deviceId, String canal, String sectionClass, boolean automated, Terminal terminal) {

    /** A gate without a SZY 206 / SL 651 terminal. */
    public Gate(String deviceId, String canal, String sectionClass, boolean automated) {
        this(deviceId, canal, sectionClass, automated, null);
    }
}
