package dev.pilothouse.platform;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Platform settings, bound from {@code pilothouse.*} (environment variables such as
 * {@code PILOTHOUSE_DATA_DIR} and {@code PILOTHOUSE_MASTER_KEY} map onto them).
 *
 * @param dataDir where generated state lives (the master key file when none is given)
 * @param masterKey base64 of 32 random bytes; when empty, one is generated into the data dir
 * @param maxRequestBody request bodies larger than this are refused with 413
 */
@ConfigurationProperties("pilothouse")
public record PlatformProperties(
        @DefaultValue(".data") Path dataDir,
        @DefaultValue("") String masterKey,
        @DefaultValue("2MB") DataSize maxRequestBody) {}
