package dev.pilothouse.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Session-cookie security for the SPA and the API.
 *
 * <p>Every {@code /api/**} call needs a session, except logging in. Failures are JSON (401, 403),
 * never a redirect to a login page. State-changing calls need the CSRF token: the server sets
 * the {@code XSRF-TOKEN} cookie and the SPA echoes it in the {@code X-XSRF-TOKEN} header.
 * Login itself is exempt (there is no session to ride on yet; the cookie is SameSite=Lax).
 */
@Configuration
@EnableMethodSecurity
class SecurityConfig {

    @Bean
    SecurityFilterChain securityFilterChain(
            HttpSecurity http, ErrorResponses errors, org.springframework.context.ApplicationEventPublisher events)
            throws Exception {
        http.authorizeHttpRequests(auth -> auth.requestMatchers("/api/auth/login")
                        .permitAll()
                        .requestMatchers("/api/**")
                        .authenticated()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus")
                        .permitAll()
                        .requestMatchers("/actuator/**")
                        .hasRole("ADMIN")
                        // The single-page app and its assets are public; the data behind them is not.
                        .anyRequest()
                        .permitAll())
                .csrf(csrf -> csrf.spa().csrfTokenRepository(csrfTokens()).ignoringRequestMatchers("/api/auth/login"))
                .addFilterAfter(new CsrfCookieFilter(), BasicAuthenticationFilter.class)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(cache -> cache.disable())
                .headers(headers ->
                        headers.contentSecurityPolicy(csp -> csp.policyDirectives(ContentSecurityPolicy.header())))
                .exceptionHandling(ex -> ex.authenticationEntryPoint((request, response, e) -> errors.write(
                                response,
                                HttpStatus.UNAUTHORIZED.value(),
                                "unauthenticated",
                                "You are not logged in, or your session has expired. Log in and try again."))
                        .accessDeniedHandler((request, response, e) -> {
                            if (e instanceof CsrfException) {
                                errors.write(
                                        response,
                                        HttpStatus.FORBIDDEN.value(),
                                        "csrf_token_invalid",
                                        "The CSRF token is missing or wrong: send the XSRF-TOKEN cookie's value"
                                                + " in the X-XSRF-TOKEN header, or reload the page.");
                            } else {
                                var user = org.springframework.security.core.context.SecurityContextHolder.getContext()
                                        .getAuthentication();
                                events.publishEvent(new AccessRefused(
                                        user == null ? "anonymous" : user.getName(),
                                        request.getMethod() + " " + request.getRequestURI(),
                                        "forbidden",
                                        "an endpoint for administrators only"));
                                errors.write(
                                        response,
                                        HttpStatus.FORBIDDEN.value(),
                                        "forbidden",
                                        "Your account is not allowed to do this.");
                            }
                        }));
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        // bcrypt by default, and the stored hash names its algorithm so it can change later.
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    AuthenticationManager authenticationManager(UserDetailsService users, PasswordEncoder encoder) {
        var provider = new DaoAuthenticationProvider(users);
        provider.setPasswordEncoder(encoder);
        return new ProviderManager(provider);
    }

    /** The SPA's XSRF-TOKEN cookie; a bean so that login can issue a fresh token (LoginService). */
    @Bean
    CsrfTokenRepository csrfTokens() {
        return CookieCsrfTokenRepository.withHttpOnlyFalse();
    }

    @Bean
    SecurityContextRepository securityContextRepository() {
        return new HttpSessionSecurityContextRepository();
    }

    /** Loads the deferred CSRF token on every request so the cookie is always present for the SPA. */
    private static final class CsrfCookieFilter extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
                token.getToken();
            }
            chain.doFilter(request, response);
        }
    }
}
