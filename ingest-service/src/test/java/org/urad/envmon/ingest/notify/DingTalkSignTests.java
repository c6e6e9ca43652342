package org.urad.envmon.ingest.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * Verifies DingTalk's robot signature (加签) against vectors computed independently, with
 * {@code openssl dgst -sha256 -hmac} and Python's {@code hmac} + {@code urllib.parse.quote_plus}, for
 * the algorithm DingTalk documents: HmacSHA256 over {@code timestamp + "\n" + secret} keyed by the
 * secret, Base64, then URL-encoded.
 */
class DingTalkSignTests {

    @Test
    void signsTheDocumentedExampleSecret() {
        // Base64 hmPWwU+7lVdm3ZZz0r9tSfx0L4Q26jWOZr9+Gs6EZQM= ; '+' and '=' URL-encoded
        assertThat(DingTalkSign.sign("this is secret", 1577262236757L))
                .isEqualTo("hmPWwU%2B7lVdm3ZZz0r9tSfx0L4Q26jWOZr9%2BGs6EZQM%3D");
    }

    @Test
    void signsARobotStyleSecretWithASlashInTheSignature() {
        assertThat(DingTalkSign.sign("SEC0123456789abcdef", 1700000000000L))
                .isEqualTo("TSZbRFUuvaSQaRKUpF970OPCb2%2FLcQAP3wOvwZIzBZk%3D");
    }

    @Test
    void appendsTimestampAndSignToTheAccessToken() {
        URI signed = DingTalkSign.signed(
                URI.create("https://oapi.dingtalk.com/robot/send?access_token=abc"),
                "SEC0123456789abcdef",
                1700000000000L);
        assertThat(signed.toString())
                .isEqualTo("https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1700000000000"
                        + "&sign=TSZbRFUuvaSQaRKUpF970OPCb2%2FLcQAP3wOvwZIzBZk%3D");
    }
}
