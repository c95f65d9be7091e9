package dev.pilothouse.auth;

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

    private final AccountService accounts;
    private final AuthProperties properties;

    AdminBootstrap(AccountService accounts, AuthProperties properties) {
        this.accounts = accounts;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        boolean generated = properties.adminPassword().isBlank();
        String password = generated ? generate() : properties.adminPassword();
        if (!accounts.createFirstAdmin(password)) {
            return;
        }
        if (generated) {
            log.warn(
                    "\n\n  First start: created user 'admin' with password  {}\n"
                            + "  It is shown only this once. Log in and change it, or set PILOTHOUSE_ADMIN_PASSWORD"
                            + " before the first start.\n",
                    password);
        } else {
            log.info("First start: created user 'admin' with the password from PILOTHOUSE_ADMIN_PASSWORD.");
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
