package org.urad.envmon.ingest.reading;

import java.time.Instant;

/**
 * One validated value, in its parameter's canonical unit, ready to store. The natural key is
 * (device, parameter, period, statistic, time): storing the same key twice is a no-op.
 *
 * @param sequence the publisher's per-device message sequence number, when it sends one
 */
public record Reading(
        Family family,
        String deviceId,
        String parameter,
        Instant time,
        Period period,
        Statistic statistic,
        double value,
        DataFlag flag,
        boolean valid,
        Long sequence) {}
