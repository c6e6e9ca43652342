package org.urad.envmon.ingest.notify;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * DingTalk's signed robot webhook (加签): the string {@code timestamp + "\n" + secret} is signed with
 * HmacSHA256 under the secret, Base64-encoded, then URL-encoded, and sent as
 * {@code &timestamp=…&sign=…}. The timestamp is in milliseconds and must be within an hour of
 * DingTalk's clock.
 */
final class DingTalkSign {

    private DingTalkSign() {}

    static String sign(String secret, long timestampMillis) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] signature = mac.doFinal((timestampMillis + "\n" + secret).getBytes(StandardCharsets.UTF_8));
            return URLEncoder.encode(Base64.getEncoder().encodeToString(signature), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** {@code url} with the timestamp and signature appended to its query. */
    static URI signed(URI url, String secret, long timestampMillis) {
        String base = url.toString();
        String separator = url.getRawQuery() == null ? "?" : "&";
        return URI.create(base + separator + "timestamp=" + timestampMillis + "&sign=" + sign(secret, timestampMillis));
    }
}
