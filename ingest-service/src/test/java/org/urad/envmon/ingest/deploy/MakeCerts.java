package org.urad.envmon.ingest.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Runs {@code ingest-service/deploy/tls/make-certs.sh}, and trusts what it made. */
final class MakeCerts {

    private MakeCerts() {}

    /** Runs the script into {@code dir} for {@code hosts}; returns {@code dir}. */
    static Path run(Path dir, String... hosts) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                "/bin/sh",
                RepositoryFiles.resolve("ingest-service/deploy/tls/make-certs.sh")
                        .toString(),
                dir.toString()));
        command.addAll(List.of(hosts));
        String out = exec(command);
        assertThat(out).contains("server.crt for");
        return dir;
    }

    static String exec(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
        return out;
    }

    /** A TLS context that trusts only the CA in {@code caCrt} (PEM), as a device given ca.crt would. */
    static SSLContext trusting(Path caCrt) throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caCrt)) {
            trust.setCertificateEntry(
                    "ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }
}
