package org.urad.envmon.ingest.normalise;

import static org.urad.envmon.ingest.reading.RejectReason.DEVICE_MISMATCH;
import static org.urad.envmon.ingest.reading.RejectReason.UNKNOWN_DEVICE;
import static org.urad.envmon.ingest.reading.RejectReason.WRONG_FAMILY;
import static org.urad.envmon.ingest.reading.RejectReason.WRONG_PASSWORD;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.urad.envmon.ingest.decode.DecodedMessage;
import org.urad.envmon.ingest.reading.Rejection;
import org.urad.envmon.ingest.registry.Device;
import org.urad.envmon.ingest.registry.Monitor;
import org.urad.envmon.ingest.registry.Registry;

/**
 * Whether a message really comes from the device its topic names: a registered, active device of
 * the topic's family, whose id in the payload (or HJ 212 MN and PW) agrees with the registry. A message
 * that claims to be from another device than its topic's, or has the wrong PW, is quarantined with a
 * detail starting {@code spoofed:} (the broker's per-device ACL should have stopped it already).
 */
record SenderCheck(Device device, Rejection rejection) {

    static SenderCheck check(Topic topic, DecodedMessage msg, Registry registry) {
        Device device = registry.device(topic.deviceId()).orElse(null);
        if (device == null || !device.active()) {
            return reject(
                    UNKNOWN_DEVICE,
                    "device '" + topic.deviceId() + "' is not " + (device == null ? "registered" : "active"));
        }
        if (device.family() != topic.family()) {
            return reject(
                    WRONG_FAMILY,
                    "device " + device.id() + " is a " + device.family().code() + ", not a "
                            + topic.family().code());
        }
        String claim = msg.deviceClaim();
        if (claim != null && !msg.claimIsMn() && !claim.equals(device.id())) {
            return reject(
                    DEVICE_MISMATCH, "spoofed: payload names device '" + claim + "' on " + device.id() + "'s topic");
        }
        if (msg.claimIsMn()) {
            Monitor monitor = registry.monitorByMn(claim).orElse(null);
            if (monitor == null || !monitor.deviceId().equals(device.id())) {
                return reject(DEVICE_MISMATCH, "spoofed: MN '" + claim + "' is not the MN of " + device.id());
            }
            if (monitor.password() != null && !sameSecret(monitor.password(), msg.password())) {
                return reject(WRONG_PASSWORD, "spoofed: PW does not match the password registered for " + device.id());
            }
        }
        return new SenderCheck(device, null);
    }

    private static SenderCheck reject(org.urad.envmon.ingest.reading.RejectReason reason, String detail) {
        return new SenderCheck(null, Rejection.of(reason, detail));
    }

    private static boolean sameSecret(String expected, String given) {
        return given != null
                && MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
