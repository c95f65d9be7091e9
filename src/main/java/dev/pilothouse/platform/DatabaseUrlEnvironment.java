package dev.pilothouse.platform;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Accepts {@code DATABASE_URL} in the form most hosting tools print,
 * {@code postgres://user:password@host:5432/db?sslmode=require}, besides a JDBC URL. The user and
 * password in the URL win over {@code DATABASE_USER}/{@code DATABASE_PASSWORD}.
 */
class DatabaseUrlEnvironment implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String url = environment.getProperty("DATABASE_URL");
        if (url == null || url.startsWith("jdbc:")) {
            return;
        }
        environment.getPropertySources().addFirst(new MapPropertySource("databaseUrl", toJdbc(url)));
    }

    static Map<String, Object> toJdbc(String url) {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("DATABASE_URL is not a valid URL. Use jdbc:postgresql://host:port/db"
                    + " or postgres://user:password@host:port/db.");
        }
        if (!"postgres".equals(uri.getScheme()) && !"postgresql".equals(uri.getScheme())) {
            throw new IllegalStateException("DATABASE_URL must start with jdbc:postgresql://, postgres:// or"
                    + " postgresql://; it starts with '" + uri.getScheme() + ":'.");
        }
        Map<String, Object> properties = new HashMap<>();
        String port = uri.getPort() > 0 ? ":" + uri.getPort() : "";
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        properties.put("spring.datasource.url", "jdbc:postgresql://" + uri.getHost() + port + uri.getRawPath() + query);
        if (uri.getRawUserInfo() != null) {
            String[] userInfo = uri.getRawUserInfo().split(":", 2);
            properties.put("spring.datasource.username", URLDecoder.decode(userInfo[0], StandardCharsets.UTF_8));
            if (userInfo.length == 2) {
                properties.put("spring.datasource.password", URLDecoder.decode(userInfo[1], StandardCharsets.UTF_8));
            }
        }
        return properties;
    }
}
