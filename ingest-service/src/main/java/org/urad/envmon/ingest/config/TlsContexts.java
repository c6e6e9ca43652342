package org.urad.envmon.ingest.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/** Builds an {@link SSLContext} from {@link IngestProperties.Tls} key-store files. */
public final class TlsContexts {

    private TlsContexts() {}

    /**
     * A TLS context with the configured key store (if any) and trust store (if any; else the JVM's CAs).
     *
     * @throws IllegalStateException naming the file (never the password) when a store cannot be read
     */
    public static SSLContext create(IngestProperties.Tls tls) {
        try {
            KeyManager[] keys = null;
            if (tls.hasKeyStore()) {
                char[] password = chars(tls.keyStorePassword());
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(load(tls.keyStore(), tls.keyStoreType(), password), password);
                keys = kmf.getKeyManagers();
            }
            TrustManager[] trust = null;
            if (tls.hasTrustStore()) {
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(load(tls.trustStore(), tls.trustStoreType(), chars(tls.trustStorePassword())));
                trust = tmf.getTrustManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS configuration unusable: " + e.getMessage(), e);
        }
    }

    private static KeyStore load(String path, String type, char[] password) throws GeneralSecurityException {
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, password);
            return store;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read key store " + path + ": " + e.getMessage(), e);
        }
    }

    private static char[] chars(String password) {
        return password == null ? null : password.toCharArray();
    }
}
