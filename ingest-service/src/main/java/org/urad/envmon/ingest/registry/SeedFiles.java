package org.urad.envmon.ingest.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/** The raw bytes of a seed directory's files, and their checksum. */
record SeedFiles(String directory, Map<String, byte[]> files) {

    /** Reads the seed files present at {@code location}; a missing one is reported by the parser. */
    static SeedFiles read(ResourceLoader resources, String location) {
        String directory = location.endsWith("/") ? location : location + "/";
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : RegistrySeed.FILES) {
            Resource resource = resources.getResource(directory + name);
            if (resource.exists()) {
                try (InputStream in = resource.getInputStream()) {
                    files.put(name, in.readAllBytes());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read registry seed file " + directory + name, e);
                }
            }
        }
        return new SeedFiles(directory, files);
    }

    /** SHA-256 over each file's name and bytes, in {@link RegistrySeed#FILES} order, as hex. */
    String checksum() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String name : RegistrySeed.FILES) {
                digest.update(name.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(files.getOrDefault(name, new byte[0]));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
