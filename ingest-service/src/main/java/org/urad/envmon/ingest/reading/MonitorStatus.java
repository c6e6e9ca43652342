package org.urad.envmon.ingest.reading;

import java.time.Instant;

/**
 * A status or information item a logger reported (running status, running time, power-on time, on-site
 * machine information), its value cleaned sender text. Natural key: (device, subject, code, time).
 *
 * @param subject the analyser's parameter code, a facility ({@code SB1}), or {@code ""} for the logger
 */
public record MonitorStatus(Family family, String deviceId, String subject, String code, Instant time, String value) {}
