package dev.pilothouse.platform;

/** The database ./dev test provisions, for tests that connect without Spring. */
final class TestDatabase {
    private TestDatabase() {}

    static String jdbcUrl() {
        String url = System.getenv().getOrDefault("DATABASE_URL", "jdbc:postgresql://127.0.0.1:55432/pilothouse");
        if (!url.startsWith("jdbc:")) {
            return (String) DatabaseUrlEnvironment.toJdbc(url).get("spring.datasource.url");
        }
        return url;
    }

    static String user() {
        return System.getenv().getOrDefault("DATABASE_USER", "pilothouse");
    }

    static String password() {
        return System.getenv().getOrDefault("DATABASE_PASSWORD", "pilothouse");
    }
}
