package dev.pilothouse.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.transaction.CannotCreateTransactionException;
import tools.jackson.databind.json.JsonMapper;

/**
 * With PostgreSQL down, callers get a 503 that says so and invites a retry, whether the failure
 * happens in a controller or earlier, in the session filter; never a 500 "something went wrong".
 */
class DatabaseOutageTest {

    static final CannotGetJdbcConnectionException OUTAGE = new CannotGetJdbcConnectionException(
            "Failed to obtain JDBC Connection", new java.sql.SQLException("Connection to 127.0.0.1:55432 refused."));

    @Test
    void aControllerThatCannotReachTheDatabaseAnswers503() {
        var response = new ApiExceptionHandler(event -> {}).databaseUnavailable(OUTAGE);

        assertThat(response.getStatusCode().value()).isEqualTo(503);
        assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("5");
        assertThat(response.getBody().error().code()).isEqualTo("database_unavailable");
        assertThat(response.getBody().error().message())
                .contains("cannot reach its database")
                .doesNotContain("55432");
    }

    @Test
    void aFilterThatCannotReachTheDatabaseAnswersJson503NotTheContainersHtmlPage() throws Exception {
        var response = new MockHttpServletResponse();

        filter().doFilter(new MockHttpServletRequest("GET", "/api/me"), response, (req, res) -> {
            // as Spring Session's JDBC store fails to load the session
            throw new CannotCreateTransactionException("Could not open JDBC Connection for transaction", OUTAGE);
        });

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("5");
        assertThat(response.getContentType()).startsWith("application/json");
        assertThat(response.getContentAsString())
                .contains("\"code\":\"database_unavailable\"")
                .doesNotContain("55432");
    }

    @Test
    void aPersonOpeningAPageGetsAReadablePageThatRetries() throws Exception {
        var request = new MockHttpServletRequest("GET", "/clusters/demo");
        var response = new MockHttpServletResponse();

        filter().doFilter(request, response, (req, res) -> {
            throw new CannotCreateTransactionException("Could not open JDBC Connection for transaction", OUTAGE);
        });

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getContentType()).startsWith("text/html");
        assertThat(response.getContentAsString())
                .contains("waiting for its database")
                .contains("http-equiv=\"refresh\"");
    }

    @Test
    void otherFailuresPassThroughUntouched() {
        var failure = new IllegalStateException("not a database problem");

        assertThatThrownBy(() -> filter().doFilter(
                                new MockHttpServletRequest("GET", "/api/me"),
                                new MockHttpServletResponse(),
                                (req, res) -> {
                                    throw failure;
                                }))
                .isSameAs(failure);
    }

    static DatabaseOutageFilter filter() {
        return new DatabaseOutageFilter(new ErrorResponses(JsonMapper.builder().build()));
    }
}
