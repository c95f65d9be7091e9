package dev.pilothouse.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * PostgreSQL stores no NUL character, so a text value holding one (a display name, a role
 * description, a model name, a search query, an audit filter) would fail deep in the database as a
 * 500. It is refused where it enters instead: in a JSON string (400 {@code malformed_json} naming
 * the field) and in the query string (400 {@code invalid_request}).
 */
@Configuration(proxyBeanMethods = false)
class NulCharacters {

    static final String MESSAGE = "text may not contain the NUL character (\\u0000)";

    /** Picked up by Spring Boot's JsonMapper: every String of a request body goes through it. */
    @Bean
    SimpleModule noNulStrings() {
        return new SimpleModule("no-nul-strings").addDeserializer(String.class, new StringDeserializer() {
            @Override
            public String deserialize(JsonParser p, DeserializationContext ctxt) {
                String value = super.deserialize(p, ctxt);
                if (value != null && value.indexOf('\0') >= 0) {
                    return (String) ctxt.reportInputMismatch(String.class, MESSAGE);
                }
                return value;
            }
        });
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 20)
    OncePerRequestFilter noNulInQuery(ErrorResponses errors) {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String query = request.getQueryString();
                if (query != null && query.toLowerCase(Locale.ROOT).contains("%00")) {
                    errors.write(
                            response,
                            HttpServletResponse.SC_BAD_REQUEST,
                            "invalid_request",
                            "A query parameter holds the NUL character (%00), which no value may contain; remove it.");
                    return;
                }
                chain.doFilter(request, response);
            }
        };
    }
}
