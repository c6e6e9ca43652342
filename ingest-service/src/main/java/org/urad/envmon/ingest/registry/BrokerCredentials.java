package org.urad.envmon.ingest.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.urad.envmon.ingest.config.CommandOptions;
import org.urad.envmon.ingest.reading.Family;

/**
 * Per-device broker credentials from the registry: a Mosquitto password file ({@code $7$} PBKDF2-SHA512
 * hashes), an ACL that lets each device write only under its own topic ({@code <prefix>/<family>/<id>/#})
 * and the service user read everything under the prefix, and a CSV of the generated passwords for
 * provisioning the devices. A device (or the service user) already in the output directory's {@code passwd} keeps
 * its password hash, so regenerating after a registry change issues passwords only to new devices (the CSV says
 * {@code unchanged} for the others); {@code --ingest.broker-credentials.rotate=true} issues new passwords to all.
 * Generated passwords appear only in the CSV.
 *
 * <p>From the command line, without starting the service: {@code java -jar ingest-service.jar
 * --ingest.broker-credentials.out=DIR [--ingest.broker-credentials.service-user=urad-ingest]
 * [--ingest.broker-credentials.topic-prefix=urad/v1] [--spring.datasource.url=…]} (the database also from
 * {@code SPRING_DATASOURCE_URL}, {@code _USERNAME}, {@code _PASSWORD}); or {@code java -cp … } this class.
 */
public final class BrokerCredentials {

    public static final String OUT = "ingest.broker-credentials.out";
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    /** The three files' contents; {@code passwords} is secret. */
    public record Generated(String passwordFile, String aclFile, String passwordsCsv) {
        @Override
        public String toString() {
            return "BrokerCredentials.Generated[passwords not shown]";
        }
    }

    /** A device as the broker sees it. */
    public record Account(String id, Family family) {}

    private BrokerCredentials() {}

    /** Marks, in the CSV, a user that kept the password it had. */
    public static final String UNCHANGED = "unchanged";

    public static Generated generate(List<Account> devices, String prefix, String serviceUser, SecureRandom random) {
        return generate(devices, prefix, serviceUser, random, Map.of());
    }

    /** As above, keeping the hash of every user in {@code existing} (user name to {@code $7$} hash). */
    public static Generated generate(
            List<Account> devices,
            String prefix,
            String serviceUser,
            SecureRandom random,
            Map<String, String> existing) {
        StringBuilder passwd = new StringBuilder();
        StringBuilder acl = new StringBuilder()
                .append("# Generated from the device registry; regenerate after registry changes.\n")
                .append("# Each device may publish only under its own topic; the service reads them all.\n\n");
        StringBuilder csv = new StringBuilder("device_id,family,username,password,topic\n");
        String servicePassword = existing.containsKey(serviceUser) ? UNCHANGED : password(random);
        passwd.append(serviceUser)
                .append(':')
                .append(hash(serviceUser, servicePassword, existing, random))
                .append('\n');
        acl.append("user ").append(serviceUser).append('\n');
        acl.append("topic read ").append(prefix).append("/#\n\n");
        csv.append(",service,")
                .append(serviceUser)
                .append(',')
                .append(servicePassword)
                .append(',')
                .append(prefix)
                .append("/#\n");
        List<Account> sorted = new ArrayList<>(devices);
        sorted.sort(Comparator.comparing(Account::id));
        for (Account d : sorted) {
            if (!SAFE_ID.matcher(d.id()).matches() || d.id().equals(serviceUser)) {
                throw new IllegalArgumentException("device id '" + d.id() + "' cannot be a broker user name");
            }
            String password = existing.containsKey(d.id()) ? UNCHANGED : password(random);
            String topic = prefix + "/" + d.family().code() + "/" + d.id() + "/#";
            passwd.append(d.id())
                    .append(':')
                    .append(hash(d.id(), password, existing, random))
                    .append('\n');
            acl.append("user ").append(d.id()).append('\n');
            acl.append("topic write ").append(topic).append("\n\n");
            csv.append(String.join(",", d.id(), d.family().code(), d.id(), password, topic))
                    .append('\n');
        }
        return new Generated(passwd.toString(), acl.toString(), csv.toString());
    }

    private static String hash(String user, String password, Map<String, String> existing, SecureRandom random) {
        return password.equals(UNCHANGED) ? existing.get(user) : MosquittoPasswords.hash(password, random);
    }

    /** The users and hashes of a Mosquitto password file ({@code user:hash} lines). */
    public static Map<String, String> readPasswordFile(String content) {
        Map<String, String> users = new java.util.LinkedHashMap<>();
        for (String line : content.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.startsWith("$7$", colon + 1)) {
                users.put(line.substring(0, colon), line.substring(colon + 1).strip());
            }
        }
        return users;
    }

    static String password(SecureRandom random) {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Active devices from the registry tables. */
    public static List<Account> activeDevices(JdbcTemplate jdbc) {
        return jdbc.query(
                "SELECT id, family FROM device WHERE active ORDER BY id",
                (rs, i) -> new Account(
                        rs.getString(1), Family.fromCode(rs.getString(2)).orElseThrow()));
    }

    /** Whether the arguments ask for broker credentials rather than the service. */
    public static boolean requested(String[] args) {
        return CommandOptions.parse(args).containsKey(OUT);
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> o = CommandOptions.parse(args);
        String out = o.get(OUT);
        if (out == null || out.isBlank()) {
            throw new IllegalArgumentException("--" + OUT + "=DIR is required");
        }
        String url = o.get("spring.datasource.url");
        if (url == null) {
            throw new IllegalArgumentException("--spring.datasource.url (or SPRING_DATASOURCE_URL) is required");
        }
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(
                url,
                o.getOrDefault("spring.datasource.username", "postgres"),
                o.getOrDefault("spring.datasource.password", "")));
        List<Account> devices = activeDevices(jdbc);
        Path dir = Path.of(out);
        boolean rotate = Boolean.parseBoolean(o.getOrDefault("ingest.broker-credentials.rotate", "false"));
        Path previous = dir.resolve("passwd");
        Map<String, String> existing =
                rotate || !Files.exists(previous) ? Map.of() : readPasswordFile(Files.readString(previous));
        Generated files = generate(
                devices,
                o.getOrDefault("ingest.broker-credentials.topic-prefix", "urad/v1"),
                o.getOrDefault("ingest.broker-credentials.service-user", "urad-ingest"),
                new SecureRandom(),
                existing);
        write(dir.resolve("passwd"), files.passwordFile());
        write(dir.resolve("acl"), files.aclFile());
        write(dir.resolve("device-passwords.csv"), files.passwordsCsv());
        // the scale profile's EMQX: the same logins, the service's with the password it connects with
        String serviceUser = o.getOrDefault("ingest.broker-credentials.service-user", "urad-ingest");
        EmqxUsers.Bootstrap emqx = EmqxUsers.bootstrap(
                readPasswordFile(files.passwordFile()),
                serviceUser,
                System.getenv("INGEST_MQTT_PASSWORD"),
                new SecureRandom());
        write(dir.resolve("emqx-users.csv"), emqx.csv());
        System.out.println("wrote passwd, acl, emqx-users.csv and device-passwords.csv for " + devices.size()
                + " devices to " + dir + " (device-passwords.csv is secret: hand it to provisioning, then remove it)");
        if (!emqx.leftOut().isEmpty()) {
            System.out.println("not in emqx-users.csv (hashes not made by this generator; rotate to include them): "
                    + String.join(", ", emqx.leftOut()));
        }
    }

    /** Writes a file readable by its owner only (where the file system has POSIX permissions). */
    static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, content);
    }
}
