package dev.pilothouse.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseUrlEnvironmentTest {

    @Test
    void convertsAPostgresUrlWithCredentials() {
        var properties = DatabaseUrlEnvironment.toJdbc("postgres://ph:s%40cret@db.internal:5433/pilot?sslmode=require");
        assertThat(properties)
                .containsEntry("spring.datasource.url", "jdbc:postgresql://db.internal:5433/pilot?sslmode=require")
                .containsEntry("spring.datasource.username", "ph")
                .containsEntry("spring.datasource.password", "s@cret");
    }

    @Test
    void refusesAnotherSchemeNamingIt() {
        assertThatThrownBy(() -> DatabaseUrlEnvironment.toJdbc("mysql://x/y")).hasMessageContaining("'mysql:'");
    }
}
