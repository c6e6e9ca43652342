package org.urad.envmon.ingest.decode;

import java.util.List;

/**
 * A decoded payload, not yet checked against the registry.
 *
 * @param deviceClaim the device the payload says it comes from (JSON {@code device}, HJ 212 MN),
 *     or {@code null} when it does not say
 * @param claimIsMn whether {@code deviceClaim} is an HJ 212 MN rather than a device id
 * @param password the HJ 212 PW, or {@code null}
 * @param sequence the publisher's per-device sequence number, or {@code null}
 * @param replyRequested whether the sender asked for a reply once the data are stored (HJ 212 Flag A)
 * @param reply the reply to send after commit, or {@code null}
 * @param terminal the SZY 206 / SL 651 terminal address the frame names, or {@code null}
 * @param statuses status and information items (HJ 212 CN 2021/2041/2081/3020)
 */
public record DecodedMessage(
        String deviceClaim,
        boolean claimIsMn,
        String password,
        Long sequence,
        List<DecodedValue> values,
        List<DecodedCalibration> calibrations,
        boolean replyRequested,
        byte[] reply,
        TerminalClaim terminal,
        List<DecodedStatus> statuses) {

    /** A message without status items. */
    public DecodedMessage(
            String deviceClaim,
            boolean claimIsMn,
            String password,
            Long sequence,
            List<DecodedValue> values,
            List<DecodedCalibration> calibrations,
            boolean replyRequested,
            byte[] reply,
            TerminalClaim terminal) {
        this(
                deviceClaim,
                claimIsMn,
                password,
                sequence,
                values,
                calibrations,
                replyRequested,
                reply,
                terminal,
                List.of());
    }

    /** A message that names no terminal address (JSON, HJ 212). */
    public DecodedMessage(
            String deviceClaim,
            boolean claimIsMn,
            String password,
            Long sequence,
            List<DecodedValue> values,
            List<DecodedCalibration> calibrations,
            boolean replyRequested,
            byte[] reply) {
        this(deviceClaim, claimIsMn, password, sequence, values, calibrations, replyRequested, reply, null);
    }

    public int size() {
        return values.size() + calibrations.size() + statuses.size();
    }
}
