package org.urad.envmon.ingest.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.Test;
import org.urad.envmon.ingest.reading.Family;

/**
 * Verifies EMQX's bootstrap file of device logins: for every generated password, the row holds what EMQX's
 * {@code pbkdf2} authenticator (sha512, 101 iterations, 64-byte key, hex) computes from it and the row's salt,
 * so a device logs in to EMQX with the password it got for Mosquitto.
 */
class EmqxUsersTests {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void everyDeviceAndTheServiceLogInWithTheirPasswords() throws Exception {
        List<BrokerCredentials.Account> devices = List.of(
                new BrokerCredentials.Account("W0001", Family.WELL),
                new BrokerCredentials.Account("CEMS-01", Family.CEMS),
                new BrokerCredentials.Account("GATE-7", Family.GATE));
        BrokerCredentials.Generated generated = BrokerCredentials.generate(devices, "urad/v1", "urad-ingest", RANDOM);
        Map<String, String> passwords = new HashMap<>();
        for (String line : generated.passwordsCsv().split("\n")) {
            String[] f = line.split(",");
            if (!f[0].isEmpty() && !f[0].equals("device_id")) {
                passwords.put(f[2], f[3]);
            }
        }

        EmqxUsers.Bootstrap emqx = EmqxUsers.bootstrap(
                BrokerCredentials.readPasswordFile(generated.passwordFile()), "urad-ingest", "service-secret", RANDOM);

        List<String> lines = Arrays.asList(emqx.csv().split("\n"));
        assertThat(lines.get(0)).isEqualTo("user_id,password_hash,salt,is_superuser");
        assertThat(lines.subList(1, lines.size()))
                .extracting(l -> l.split(",")[0])
                .containsExactlyInAnyOrder("urad-ingest", "W0001", "CEMS-01", "GATE-7");
        passwords.put("urad-ingest", "service-secret");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            assertThat(f).hasSize(4);
            assertThat(f[3]).isEqualTo("false");
            assertThat(f[1])
                    .as("hash of %s", f[0])
                    .isEqualTo(emqxPbkdf2(passwords.get(f[0]), f[2]))
                    .isNotEqualTo(emqxPbkdf2(passwords.get(f[0]) + "x", f[2]));
        }
        assertThat(emqx.leftOut()).isEmpty();
        // and Mosquitto still takes the same passwords
        BrokerCredentials.readPasswordFile(generated.passwordFile()).forEach((user, hash) -> {
            if (!user.equals("urad-ingest")) {
                assertThat(MosquittoPasswords.matches(hash, passwords.get(user)))
                        .isTrue();
            }
        });
    }

    @Test
    void aHashWhoseSaltIsNotTextIsLeftOutAndNamed() {
        Map<String, String> hashes = new LinkedHashMap<>();
        hashes.put(
                "OLD-1",
                MosquittoPasswords.hash("pw-old", new byte[] {0, 1, 2, (byte) 0xff, 44, 10, 5, 6, 7, 8, 9, 10}, 101));
        hashes.put("NEW-1", MosquittoPasswords.hash("pw-new", RANDOM));

        EmqxUsers.Bootstrap emqx = EmqxUsers.bootstrap(hashes, "urad-ingest", null, RANDOM);

        assertThat(emqx.leftOut()).containsExactly("OLD-1");
        assertThat(emqx.csv())
                .doesNotContain("OLD-1")
                .doesNotContain("urad-ingest")
                .contains("\nNEW-1,");
    }

    /** What EMQX computes for {@code pbkdf2} with mac_fun sha512, 101 iterations, dk_length 64: hex of the key. */
    private static String emqxPbkdf2(String password, String salt) throws Exception {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt.getBytes(StandardCharsets.UTF_8), 101, 64 * 8);
        return HexFormat.of()
                .formatHex(SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512")
                        .generateSecret(spec)
                        .getEncoded());
    }
}
