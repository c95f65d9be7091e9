package dev.pilothouse.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * With PostgreSQL down, the session store fails in its filter, before MVC's error handling, and
 * the container would answer with its HTML error page. This filter sits outside the session
 * filter and turns that failure into the API's JSON: 503 {@code database_unavailable}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10) // inside the body limit, outside Spring Session (MIN + 50)
class DatabaseOutageFilter extends OncePerRequestFilter {

    static final String RETRY_AFTER_SECONDS = "5";
    static final ApiError ERROR = ApiError.of(
            "database_unavailable",
            "Pilothouse cannot reach its database right now. Try again in a moment; if it persists, an"
                    + " administrator should check that PostgreSQL is running.");

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutageFilter.class);

    private final ErrorResponses errors;

    DatabaseOutageFilter(ErrorResponses errors) {
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException e) {
            if (!isOutage(e) || response.isCommitted()) throw e;
            log.warn(
                    "Database unavailable during {} {}: {}",
                    request.getMethod(),
                    request.getRequestURI(),
                    NestedExceptionUtils.getMostSpecificCause(e).getMessage());
            response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
            if (SpaForwardFilter.isPageRequest(request)) {
                page(response); // a person opening a page gets words, not JSON
            } else {
                errors.write(response, 503, ERROR.error().code(), ERROR.error().message());
            }
        }
    }

    /** A small page that says what is wrong and tries again by itself. */
    private static void page(HttpServletResponse response) throws IOException {
        response.resetBuffer();
        response.setStatus(503);
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter()
                .write("""
                <!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="%s">
                <title>Pilothouse is waiting for its database</title></head>
                <body style="font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem">
                <h1>Pilothouse is waiting for its database</h1><p>%s</p><p>This page tries again every %s seconds.</p>
                </body></html>""".formatted(RETRY_AFTER_SECONDS, ERROR.error().message(), RETRY_AFTER_SECONDS));
    }

    /**
     * Whether a failure means "no connection to the database": JDBC calls say so with a
     * DataAccessResourceFailureException, transactional ones (the session store) with a
     * CannotCreateTransactionException.
     */
    static boolean isOutage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof CannotCreateTransactionException)
                return true;
        }
        return false;
    }
}
