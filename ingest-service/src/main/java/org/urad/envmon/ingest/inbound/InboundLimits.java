package org.urad.envmon.ingest.inbound;

/** Limits applied before decoding, whatever the transport. */
public record InboundLimits(int maxPayloadBytes, int maxReadingsPerMessage) {}
