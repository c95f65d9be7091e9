package dev.pilothouse.auth;

import dev.pilothouse.platform.PlatformProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * On a first start (no users at all) creates {@code admin} with {@code PILOTHOUSE_ADMIN_PASSWORD},
 * or with a generated password that is printed once. Later starts change nothing, so a password
 * set through the UI is never overwritten by the environment.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    static final String PASSWORD_FILE = "admin-password";

    private final AccountService accounts;
    private final AuthProperties properties;
    private final PlatformProperties platform;

    AdminBootstrap(AccountService accounts, AuthProperties properties, PlatformProperties platform) {
        this.accounts = accounts;
        this.properties = properties;
        this.platform = platform;
    }

    @Override
    public void run(ApplicationArguments args) {
        boolean generated = properties.adminPassword().isBlank();
        String password = generated ? generate() : properties.adminPassword();
        if (!accounts.createFirstAdmin(password)) {
            return;
        }
        if (generated) {
            // Into a file only its owner can read, never into the log (logs are shipped and kept).
            Path file = platform.dataDir().resolve(PASSWORD_FILE);
            try {
                Files.createDirectories(file.getParent());
                Files.deleteIfExists(file);
                Files.createFile(file, ownerOnly());
                Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
                log.warn(
                        "First start: created user 'admin'; its generated password is in {} (readable by this"
                                + " user only). Log in, change it, then delete the file.",
                        file.toAbsolutePath());
            } catch (IOException | UnsupportedOperationException e) {
                log.error(
                        "First start: created user 'admin', but its generated password could not be written to {}"
                                + " ({}). Set PILOTHOUSE_ADMIN_PASSWORD and reset it, or make the data directory"
                                + " writable.",
                        file,
                        e.getMessage());
            }
        } else {
            log.info("First start: created user 'admin' with the password from PILOTHOUSE_ADMIN_PASSWORD.");
        }
    }

    private static java.nio.file.attribute.FileAttribute<?>[] ownerOnly() {
        try {
            return new java.nio.file.attribute.FileAttribute<?>[] {
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
            };
        } catch (UnsupportedOperationException e) {
            return new java.nio.file.attribute.FileAttribute<?>[0];
        }
    }

    private static String generate() {
        var random = new SecureRandom();
        var sb = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
