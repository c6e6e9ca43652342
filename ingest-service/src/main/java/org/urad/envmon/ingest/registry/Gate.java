package org.urad.envmon.ingest.registry;

/** An automatic flow-measurement gate on a canal section. */
public record Gate(String deviceId, String canal, String sectionClass, boolean automated) {}
