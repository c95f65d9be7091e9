package dev.pilothouse.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Supplier;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AES-256 key that encrypts secrets at rest. It comes from {@code PILOTHOUSE_MASTER_KEY}, or
 * is generated once into {@code <data dir>/master.key} (owner read/write only). Its short id is
 * stored with each ciphertext, so a changed or lost key is recognised and named, not guessed at.
 */
record MasterKey(SecretKey key, String id) {

    private static final Logger log = LoggerFactory.getLogger(MasterKey.class);
    static final String FILE_NAME = "master.key";

    /**
     * @param storedKeyIds key id → how many stored secrets it sealed, asked only before generating
     *     a key: with secrets sealed by another key in the database, generating one would leave
     *     this replica unable to read them (another replica has the key), so start-up stops instead
     */
    static MasterKey load(PlatformProperties properties, Supplier<Map<String, Integer>> storedKeyIds) {
        if (!properties.masterKey().isBlank()) {
            return fromBase64(properties.masterKey().strip(), "PILOTHOUSE_MASTER_KEY");
        }
        Path file = properties.dataDir().resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                return fromBase64(
                        Files.readString(file, StandardCharsets.US_ASCII).strip(), file.toString());
            }
            Map<String, Integer> stored = storedKeyIds.get();
            if (!stored.isEmpty()) {
                throw new IllegalStateException("The database holds secrets encrypted with master key "
                        + String.join(", ", stored.keySet()) + " ("
                        + stored.values().stream().mapToInt(i -> i).sum()
                        + " values), but this server has none: PILOTHOUSE_MASTER_KEY is not set and " + file
                        + " does not exist. Set PILOTHOUSE_MASTER_KEY to the key the other replicas use (or copy"
                        + " their master.key file here); generating a new key would make those secrets unreadable.");
            }
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "master", ".tmp");
            setOwnerOnly(tmp);
            Files.writeString(tmp, Base64.getEncoder().encodeToString(bytes), StandardCharsets.US_ASCII);
            Files.move(tmp, file);
            log.warn(
                    "Generated a new master key in {}. Back it up: without it, stored API keys and kubeconfigs"
                            + " cannot be read. Set PILOTHOUSE_MASTER_KEY to manage it yourself.",
                    file);
            return of(bytes);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Cannot read or create the master key file " + file + ": " + e.getMessage()
                            + ". Make the data directory writable or set PILOTHOUSE_MASTER_KEY.",
                    e);
        }
    }

    static MasterKey fromBase64(String encoded, String origin) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            bytes = new byte[0];
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("The master key from " + origin
                    + " must be 32 random bytes in base64 (for example the output of `openssl rand -base64 32`).");
        }
        return of(bytes);
    }

    static MasterKey of(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return new MasterKey(new SecretKeySpec(bytes, "AES"), HexFormat.of().formatHex(digest, 0, 4));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void setOwnerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (Windows): rely on the directory's ACLs.
        }
    }
}
