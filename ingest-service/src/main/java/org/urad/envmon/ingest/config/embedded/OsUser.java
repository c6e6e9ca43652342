package org.urad.envmon.ingest.config.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** An operating-system account, as far as the embedded PostgreSQL needs one when the JVM runs as root. */
record OsUser(String name, int uid, int gid) {

    static final OsUser ROOT = new OsUser("root", 0, 0);
    private static final Path PASSWD = Path.of("/etc/passwd");

    /** Whether this JVM's effective user is root (Linux: the owner of {@code /proc/self}). */
    static boolean jvmIsRoot() {
        Path self = Path.of("/proc/self");
        if (!Files.exists(self)) {
            return false;
        }
        try {
            return ((Integer) Files.getAttribute(self, "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    static OsUser lookup(String name) {
        try (Stream<String> lines = Files.lines(PASSWD)) {
            return lines.map(line -> line.split(":"))
                    .filter(f -> f.length >= 4 && f[0].equals(name))
                    .findFirst()
                    .map(f -> new OsUser(name, Integer.parseInt(f[2]), Integer.parseInt(f[3])))
                    .orElseThrow(() -> new IllegalStateException("no user " + name + " in " + PASSWD));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Gives {@code dir} and everything below it to this user, unless the top already belongs to it. */
    void takeOwnership(Path dir) throws IOException {
        if (((Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS)) == uid) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(p, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    /** Fails with a clear message if this user cannot reach {@code dir} through its parent directories. */
    void checkCanReach(Path dir) throws IOException {
        for (Path p = dir.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
            if (!perms.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                throw new IllegalStateException(("PostgreSQL runs as '%s' when the service runs as root, and that user"
                                + " cannot enter %s; put the data directory (ingest.embedded.data-dir) under a"
                                + " directory others may enter, such as %s, or run the service as a normal user")
                        .formatted(name, p, List.of("/var/tmp", "/srv")));
            }
        }
    }

    /** The first {@code setpriv} (util-linux) on the usual paths. */
    static Path setpriv() {
        return Stream.of("/usr/bin/setpriv", "/bin/setpriv", "/usr/sbin/setpriv", "/sbin/setpriv")
                .map(Path::of)
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "running as root needs setpriv (util-linux) to start PostgreSQL as an unprivileged user"));
    }
}
