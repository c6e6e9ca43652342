package org.urad.envmon.ingest.normalise;

import static org.urad.envmon.ingest.reading.RejectReason.DEVICE_MISMATCH;
import static org.urad.envmon.ingest.reading.RejectReason.UNKNOWN_DEVICE;
import static org.urad.envmon.ingest.reading.RejectReason.WRONG_FAMILY;
import static org.urad.envmon.ingest.reading.RejectReason.WRONG_PASSWORD;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.urad.envmon.ingest.decode.DecodedMessage;
import org.urad.envmon.ingest.reading.RejectReason;
import org.urad.envmon.ingest.reading.Rejection;
import org.urad.envmon.ingest.reading.SenderText;
import org.urad.envmon.ingest.registry.Device;
import org.urad.envmon.ingest.registry.Monitor;
import org.urad.envmon.ingest.registry.Registry;

/**
 * Whether a message really comes from the device its topic names: a registered, active device of
 * the topic's family, whose id in the payload (or HJ 212 MN and PW) agrees with the registry. A message
 * that claims to be from another device than its topic's, or has the wrong PW, is quarantined with a
 * detail starting {@code spoofed:} (the broker's per-device ACL should have stopped it already). It runs
 * before any per-device accounting (the rate limit), so a sender failing it costs the real device nothing.
 *
 * @param device the sender, when the check passed
 * @param rejection why it failed, else {@code null}
 */
public record SenderCheck(Device device, Rejection rejection) {

    /** Longest piece of sender text quoted in a detail. */
    private static final int QUOTE = 64;

    public static SenderCheck check(Topic topic, DecodedMessage msg, Registry registry) {
        Device device = registry.device(topic.deviceId()).orElse(null);
        if (device == null || !device.active()) {
            return reject(
                    UNKNOWN_DEVICE,
                    "device '" + SenderText.clean(topic.deviceId(), QUOTE) + "' is not "
                            + (device == null ? "registered" : "active"));
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
                    DEVICE_MISMATCH,
                    "spoofed: payload names device '" + SenderText.clean(claim, QUOTE) + "' on " + device.id()
                            + "'s topic");
        }
        if (msg.claimIsMn()) {
            Monitor monitor = registry.monitorByMn(claim).orElse(null);
            if (monitor == null || !monitor.deviceId().equals(device.id())) {
                return reject(
                        DEVICE_MISMATCH,
                        "spoofed: MN '" + SenderText.clean(claim, QUOTE) + "' is not the MN of " + device.id());
            }
            if (!passwordMatches(monitor, msg.password())) {
                return wrongPassword(device);
            }
        }
        return new SenderCheck(device, null);
    }

    /**
     * An HJ 212 logger's MN and PW alone, as a data logger connected over TCP presents them with every packet,
     * before the packets of a split message are put together.
     */
    public static SenderCheck logger(String mn, String password, Registry registry) {
        Monitor monitor = mn == null ? null : registry.monitorByMn(mn).orElse(null);
        Device device =
                monitor == null ? null : registry.device(monitor.deviceId()).orElse(null);
        if (device == null || !device.active()) {
            return reject(
                    UNKNOWN_DEVICE,
                    "MN '" + SenderText.clean(mn, QUOTE) + "' is not the MN of "
                            + (device == null ? "a registered" : "an active") + " monitor");
        }
        if (!passwordMatches(monitor, password)) {
            return wrongPassword(device);
        }
        return new SenderCheck(device, null);
    }

    public boolean passed() {
        return rejection == null;
    }

    private static SenderCheck wrongPassword(Device device) {
        return reject(WRONG_PASSWORD, "spoofed: PW does not match the password registered for " + device.id());
    }

    private static SenderCheck reject(RejectReason reason, String detail) {
        return new SenderCheck(null, Rejection.of(reason, detail));
    }

    private static boolean passwordMatches(Monitor monitor, String given) {
        return monitor.password() == null || sameSecret(monitor.password(), given);
    }

    private static boolean sameSecret(String expected, String given) {
        return given != null
                && MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
