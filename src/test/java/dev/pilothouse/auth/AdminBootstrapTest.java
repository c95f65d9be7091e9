package dev.pilothouse.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.pilothouse.platform.PlatformProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.util.unit.DataSize;

/** A generated first password goes to a file only its owner can read, never into the log. */
class AdminBootstrapTest {

    @TempDir
    Path dataDir;

    @Test
    void theGeneratedPasswordIsWrittenToAnOwnerOnlyFileAndNotLogged() throws Exception {
        AccountService accounts = mock(AccountService.class);
        when(accounts.createFirstAdmin(anyString())).thenReturn(true);
        var bootstrap = new AdminBootstrap(
                accounts,
                new AuthProperties("", 5, 30, Duration.ofMinutes(1), 8),
                new PlatformProperties(dataDir, "", DataSize.ofMegabytes(1)));
        Logger logger = (Logger) LoggerFactory.getLogger(AdminBootstrap.class);
        var lines = new ListAppender<ILoggingEvent>();
        lines.start();
        logger.addAppender(lines);
        try {
            bootstrap.run(new DefaultApplicationArguments());
        } finally {
            logger.detachAppender(lines);
        }

        Path file = dataDir.resolve(AdminBootstrap.PASSWORD_FILE);
        String password = Files.readString(file).strip();
        assertThat(password).hasSize(20);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(lines.list)
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain(password));
        assertThat(lines.list.getFirst().getFormattedMessage())
                .contains(file.toAbsolutePath().toString());
    }
}
