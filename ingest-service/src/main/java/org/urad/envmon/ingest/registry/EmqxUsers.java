package org.urad.envmon.ingest.registry;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The device logins of the scale-out profile's EMQX cluster, from the Mosquitto password file the
 * generator writes: EMQX's built-in-database bootstrap file ({@code bootstrap_type = hash}, CSV
 * {@code user_id,password_hash,salt,is_superuser}) for an authenticator with {@code pbkdf2}, {@code sha512},
 * {@value MosquittoPasswords#DEFAULT_ITERATIONS} iterations and a 64-byte key
 * ({@code ingest-service/deploy/emqx/emqx.conf}): the same PBKDF2 as Mosquitto's {@code $7$}, with the hash
 * in hex and the salt as text. So a device logs in to either broker with one password. A hash whose salt is
 * not text (made by {@code mosquitto_passwd} itself) cannot be carried over: that user is left out and
 * named, and gets a new password on {@code --ingest.broker-credentials.rotate=true}.
 */
public final class EmqxUsers {

    public static final String HEADER = "user_id,password_hash,salt,is_superuser\n";
    private static final Pattern TEXT_SALT = Pattern.compile("[A-Za-z0-9]{8,64}");

    /** The file's content and the users that could not be carried over. */
    public record Bootstrap(String csv, List<String> leftOut) {
        @Override
        public String toString() {
            return "EmqxUsers.Bootstrap[" + leftOut.size() + " left out, hashes not shown]";
        }
    }

    private EmqxUsers() {}

    /**
     * @param hashes user name to {@code $7$} hash, as in the generated password file
     * @param serviceUser the service's user name, whose row is made from {@code servicePassword} (the
     *     password the service connects with), or left out when that is null
     */
    public static Bootstrap bootstrap(
            Map<String, String> hashes, String serviceUser, String servicePassword, SecureRandom random) {
        StringBuilder csv = new StringBuilder(HEADER);
        List<String> leftOut = new ArrayList<>();
        if (servicePassword != null && !servicePassword.isBlank()) {
            row(csv, serviceUser, MosquittoPasswords.hash(servicePassword, random));
        }
        hashes.forEach((user, hash) -> {
            if (user.equals(serviceUser)) {
                return;
            }
            if (!row(csv, user, hash)) {
                leftOut.add(user);
            }
        });
        return new Bootstrap(csv.toString(), List.copyOf(leftOut));
    }

    /** Appends the user's row; false when the hash cannot be expressed for EMQX. */
    private static boolean row(StringBuilder csv, String user, String encoded) {
        String[] parts = encoded.split("\\$");
        if (parts.length != 5
                || !parts[1].equals("7")
                || !parts[2].equals(String.valueOf(MosquittoPasswords.DEFAULT_ITERATIONS))) {
            return false;
        }
        Base64.Decoder b64 = Base64.getDecoder();
        String salt = new String(b64.decode(parts[3]), StandardCharsets.ISO_8859_1);
        byte[] hash = b64.decode(parts[4]);
        if (!TEXT_SALT.matcher(salt).matches() || hash.length != MosquittoPasswords.HASH_BYTES) {
            return false;
        }
        csv.append(user)
                .append(',')
                .append(HexFormat.of().formatHex(hash))
                .append(',')
                .append(salt)
                .append(",false\n");
        return true;
    }
}
