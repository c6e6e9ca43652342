package org.urad.envmon.ingest.registry;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Mosquitto's password-file hashes ({@code mosquitto_passwd}, Mosquitto 2.x): {@code $7$<iterations>$<salt>$<hash>}
 * with PBKDF2-HMAC-SHA512, a 12-byte salt, a 64-byte hash and standard Base64, 101 iterations by default.
 * The salts it makes are letters and digits, so that EMQX's built-in database can hold the same hash
 * ({@link EmqxUsers}): EMQX takes a salt as text.
 */
public final class MosquittoPasswords {

    public static final int DEFAULT_ITERATIONS = 101;
    private static final int SALT_BYTES = 12;
    static final int HASH_BYTES = 64;
    private static final String SALT_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private MosquittoPasswords() {}

    public static String hash(String password, SecureRandom random) {
        byte[] salt = new byte[SALT_BYTES];
        for (int i = 0; i < salt.length; i++) {
            salt[i] = (byte) SALT_CHARS.charAt(random.nextInt(SALT_CHARS.length()));
        }
        return hash(password, salt, DEFAULT_ITERATIONS);
    }

    public static String hash(String password, byte[] salt, int iterations) {
        Base64.Encoder b64 = Base64.getEncoder();
        return "$7$" + iterations + "$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(pbkdf2(password, salt, iterations));
    }

    /** Whether {@code encoded} (a {@code $7$} hash) is the hash of {@code password}. */
    public static boolean matches(String encoded, String password) {
        String[] parts = encoded.split("\\$");
        if (parts.length != 5 || !parts[1].equals("7")) {
            throw new IllegalArgumentException("not a mosquitto $7$ hash");
        }
        Base64.Decoder b64 = Base64.getDecoder();
        byte[] expected = b64.decode(parts[4]);
        byte[] actual = pbkdf2(password, b64.decode(parts[3]), Integer.parseInt(parts[2]));
        return MessageDigest.isEqual(expected, actual);
    }

    static byte[] pbkdf2(String password, byte[] salt, int iterations) {
        // PBEKeySpec takes chars; mosquitto hashes the password's bytes. Identical for ASCII, which is
        // what the generator produces; other passwords are refused rather than hashed differently.
        for (int i = 0; i < password.length(); i++) {
            if (password.charAt(i) > 0x7e || password.charAt(i) < 0x20) {
                throw new IllegalArgumentException("only printable ASCII passwords are supported");
            }
        }
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BYTES * 8);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512")
                    .generateSecret(spec)
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
