package org.urad.envmon.ingest.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urad.envmon.ingest.config.IngestProperties;
import org.urad.envmon.ingest.config.TlsContexts;

/** Verifies {@code ingest-service/deploy/tls/make-certs.sh}: a private CA and a server certificate, with openssl only. */
class MakeCertsTests {

    @TempDir
    Path dir;

    @BeforeEach
    void needsOpenssl() {
        assumeTrue(ComposeFileTests.onPath("openssl").isPresent(), "openssl is not installed: not checked");
    }

    @Test
    void makesACertificateForEveryNamedHostThatOpensslVerifiesAgainstTheCa() throws Exception {
        MakeCerts.run(dir, "envmon.county.local", "10.20.0.5");

        String verify = MakeCerts.exec(List.of(
                "openssl",
                "verify",
                "-CAfile",
                dir.resolve("ca.crt").toString(),
                dir.resolve("server.crt").toString()));
        assertThat(verify).contains("server.crt: OK");
        String text = MakeCerts.exec(List.of(
                "openssl", "x509", "-in", dir.resolve("server.crt").toString(), "-noout", "-ext", "subjectAltName"));
        assertThat(text).contains("DNS:envmon.county.local").contains("IP Address:10.20.0.5");
        // keys are readable by their owner only
        assertThat(Files.getPosixFilePermissions(dir.resolve("ca.key")))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(dir.resolve("server.key")))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void aSecondRunKeepsTheCaSoEarlierCertificatesStayValid() throws Exception {
        MakeCerts.run(dir, "first.local");
        byte[] ca = Files.readAllBytes(dir.resolve("ca.crt"));
        Files.copy(dir.resolve("server.crt"), dir.resolve("first.crt"));

        MakeCerts.run(dir, "second.local");

        assertThat(Files.readAllBytes(dir.resolve("ca.crt"))).isEqualTo(ca);
        MakeCerts.exec(List.of(
                "openssl",
                "verify",
                "-CAfile",
                dir.resolve("ca.crt").toString(),
                dir.resolve("first.crt").toString(),
                dir.resolve("server.crt").toString()));
    }

    /** The HJ 212 listener's key store (ingest.hj212.tls.key-store) is the script's server.p12. */
    @Test
    void theServiceLoadsThePkcs12AsItsKeyStore() throws Exception {
        MakeCerts.run(dir, "localhost");
        String password = Files.readString(dir.resolve("server.p12.password")).strip();

        SSLContext context = TlsContexts.create(new IngestProperties.Tls(
                dir.resolve("server.p12").toString(),
                password,
                "PKCS12",
                null,
                null,
                "PKCS12",
                IngestProperties.Tls.ClientAuth.NONE));

        assertThat(context.getProtocol()).isEqualTo("TLS");
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(dir.resolve("server.p12"))) {
            store.load(in, password.toCharArray());
        }
        X509Certificate cert = (X509Certificate) store.getCertificate("server");
        assertThat(cert.getSubjectX500Principal().getName()).contains("CN=localhost");
        assertThat(store.getCertificateChain("server")).hasSize(2);
    }
}
