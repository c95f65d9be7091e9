package dev.pilothouse.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.support.ApiClient;
import dev.pilothouse.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Every response carries a Content-Security-Policy: scripts from this server only, no framing. */
@IntegrationTest
class SecurityHeadersTest {

    @LocalServerPort
    int port;

    @Test
    void pagesAndApiAnswersCarryTheContentSecurityPolicy() {
        for (String path : new String[] {"/", "/api/me"}) {
            var answer = new ApiClient(port).get(path);
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
