package org.urad.envmon.ingest.decode;

import java.time.Instant;

/**
 * One status or information item as a logger stated it (HJ 212 CN 2021/2041/2081/3020): not a measured
 * value, kept as text under the code the logger used.
 *
 * @param subject what the item is about: an analyser's parameter code (3020 {@code PolId}), a facility
 *     ({@code SB1}), or {@code ""} for the logger itself
 * @param code the item's code as sent ({@code i12001}, {@code RS}, {@code RT}, {@code RestartTime})
 * @param time the item's time (the frame's {@code DataTime})
 * @param value the value as sent (not yet cleaned)
 */
public record DecodedStatus(String subject, String code, Instant time, String value) {}
