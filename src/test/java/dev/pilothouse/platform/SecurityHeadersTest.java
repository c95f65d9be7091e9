package dev.pilothouse.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.support.ServerTest;
import org.junit.jupiter.api.Test;

/** Every response carries a Content-Security-Policy: scripts from this server only, no framing. */
class SecurityHeadersTest extends ServerTest {

    @Test
    void pagesAndApiAnswersCarryTheContentSecurityPolicy() {
        for (String path : new String[] {"/", "/api/me"}) {
            var answer = anonymous().get(path);
            assertThat(answer.headers().firstValue("Content-Security-Policy"))
                    .as(path)
                    .hasValueSatisfying(csp -> assertThat(csp)
                            .contains("default-src 'self'")
                            .contains("script-src 'self'")
                            .contains("object-src 'none'")
                            .contains("frame-ancestors 'none'")
                            .doesNotContain("unsafe-eval"));
        }
    }
}
