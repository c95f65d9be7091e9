package dev.pilothouse.platform;

import org.springframework.http.HttpStatus;

/**
 * A stored secret cannot be decrypted: the master key changed or was lost, or the row is
 * damaged. The message names the setting so an admin knows what to re-enter.
 */
public class SecretUnreadableException extends ApiException {

    private final String setting;

    public SecretUnreadableException(String setting, String reason) {
        super(
                HttpStatus.CONFLICT,
                "secret_unreadable",
                "The stored %s cannot be read because %s. Restore the original PILOTHOUSE_MASTER_KEY (or master.key"
                                .formatted(setting, reason)
                        + " file), or enter the " + setting + " again.");
        this.setting = setting;
    }

    public String setting() {
        return setting;
    }
}
