package dev.pilothouse.ai.tools;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Secret-looking strings are masked wherever they appear; ordinary text is left alone. */
class SecretScrubberTest {

    @Test
    void masksKeysTokensPairsAndUrlCredentials() {
        String text = """
                -----BEGIN RSA PRIVATE KEY-----
                MIIEowIBAAKCAQEAcanaryPemLineOne
                cAnArYpemLineTwo
                -----END RSA PRIVATE KEY-----
                Authorization: Bearer abcdefCANARYBEARER123456
                jwt=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjYW5hcnkifQ.c2lnbmF0dXJlQ0FOQVJZ
                aws AKIAIOSFODNN7CANARY1 used
                connecting to postgres://app:CanaryUrlPw@db.shop:5432/orders
                DB_PASSWORD=CanaryPairPw1 api_key: "CanaryQuotedKey" {"client_secret":"CanaryJsonSecret"}
                token: CanaryTokenValue
                key sk-ant-api03-CanarySkKeyAAAAAAAAAAAAAA
                """;

        String scrubbed = SecretScrubber.scrub(text);

        assertThat(scrubbed)
                .doesNotContain(
                        "canaryPem", "cAnArYpem", "CANARYBEARER", "c2lnbmF0dXJlQ0FOQVJZ", "AKIAIOSFODNN7CANARY1")
                .doesNotContain("CanaryUrlPw", "CanaryPairPw1", "CanaryQuotedKey", "CanaryJsonSecret")
                .doesNotContain("CanaryTokenValue", "CanarySkKey")
                .contains("[redacted RSA PRIVATE KEY]", "postgres://app:[redacted]@db.shop", "DB_PASSWORD=[redacted]");
    }

    @Test
    void aCutOffKeyIsMaskedToTheEnd() {
        assertThat(SecretScrubber.scrub("x\n-----BEGIN PRIVATE KEY-----\nMIIEvQcanarytail"))
                .doesNotContain("canarytail");
    }

    @Test
    void leavesOrdinaryLogLinesAlone() {
        String line = "2026-12-01T10:00:00Z INFO served GET /api/orders in 12ms (tokens: 0 used of 500 max_tokens)";
        assertThat(SecretScrubber.scrub(line)).isEqualTo(line);
        assertThat(SecretScrubber.scrub("password_changed=true for alice"))
                .isEqualTo("password_changed=true for alice");
    }
}
