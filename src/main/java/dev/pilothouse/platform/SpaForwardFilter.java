package dev.pilothouse.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Serves the single-page app for its client-side routes: a GET of a page address such as
 * {@code /clusters/demo} is forwarded to {@code /index.html}, and the app's router takes over.
 * API, actuator and asset addresses (anything whose last segment has a dot) pass through, so an
 * unknown {@code /api} path is still a JSON 404 and a missing asset a 404.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 10)
class SpaForwardFilter extends OncePerRequestFilter {

    private final boolean appPresent = new ClassPathResource("static/index.html").exists();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (appPresent && isPageRequest(request)) {
            request.getRequestDispatcher("/index.html").forward(request, response);
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean isPageRequest(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod())) return false;
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals("/api") || path.startsWith("/api/")) return false;
        if (path.equals("/actuator") || path.startsWith("/actuator/")) return false;
        if (path.equals("/error") || path.equals("/index.html")) return false;
        String last = path.substring(path.lastIndexOf('/') + 1);
        return !last.contains(".");
    }
}
