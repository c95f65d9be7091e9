package dev.pilothouse.platform;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Encrypts secrets (API keys, kubeconfigs) before they are stored, with AES-256-GCM.
 *
 * <p>Stored form: {@code v2:<key id>:<base64(12-byte nonce || ciphertext+tag)>}. The key id lets
 * {@link #decrypt} tell "encrypted with another master key" apart from "damaged". The associated
 * data binds the value to its {@link Place} (table, row, column) as well as the key id, so a
 * ciphertext copied into another row or column does not decrypt. Values of the older {@code v1}
 * format (associated data: the key id only) still decrypt; {@link LegacySecretsUpgrade} re-seals
 * them at start-up, and every write seals in the new format.
 */
@Component
public class SecretCipher {

    private static final String PREFIX = "v2";
    private static final String LEGACY_PREFIX = "v1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    /**
     * Where a secret is stored. Part of what is authenticated: the same ciphertext elsewhere is refused.
     *
     * @param row the row's key (a cluster's name, a provider's id)
     */
    public record Place(String table, String row, String column) {

        byte[] associatedData(String keyId) {
            // NUL cannot occur in PostgreSQL text, so the parts cannot run into each other.
            return String.join("\0", PREFIX, keyId, table, row, column).getBytes(StandardCharsets.UTF_8);
        }
    }

    private final MasterKey key;
    private final SecureRandom random = new SecureRandom();

    /** The server's cipher: a key is generated only when the database holds no secret sealed by another. */
    @Autowired
    SecretCipher(PlatformProperties properties, JdbcClient jdbc) {
        this(MasterKey.load(properties, () -> StoredKeyIds.find(jdbc)));
    }

    SecretCipher(PlatformProperties properties) {
        this(MasterKey.load(properties, java.util.Map::of));
    }

    SecretCipher(MasterKey key) {
        this.key = key;
    }

    /** Seals {@code plaintext} for storage at {@code place}, and nowhere else. */
    public String encrypt(String plaintext, Place place) {
        return seal(plaintext, PREFIX, place.associatedData(key.id()));
    }

    /** The {@code v1} format (bound to the key id only), as stored before; for tests of the upgrade. */
    String encryptLegacy(String plaintext) {
        return seal(plaintext, LEGACY_PREFIX, key.id().getBytes(StandardCharsets.US_ASCII));
    }

    private String seal(String plaintext, String prefix, byte[] associatedData) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce)
                    .put(sealed)
                    .array();
            return prefix + ":" + key.id() + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /**
     * @param place where {@code stored} was read from
     * @param setting what the secret is, in words a person recognises ("Anthropic API key"); it
     *     is named in the error when the secret cannot be read
     */
    public String decrypt(String stored, Place place, String setting) {
        String[] parts = stored == null ? new String[0] : stored.split(":", 3);
        boolean legacy = parts.length == 3 && LEGACY_PREFIX.equals(parts[0]);
        if (parts.length != 3 || !(legacy || PREFIX.equals(parts[0]))) {
            throw new SecretUnreadableException(setting, "it is not in the expected encrypted format");
        }
        if (!key.id().equals(parts[1])) {
            throw new SecretUnreadableException(setting, "it was encrypted with a different master key");
        }
        try {
            byte[] in = Base64.getDecoder().decode(parts[2]);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(legacy ? key.id().getBytes(StandardCharsets.US_ASCII) : place.associatedData(key.id()));
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SecretUnreadableException(
                    setting,
                    legacy
                            ? "the stored value is damaged"
                            : "the stored value is damaged, or was copied there from another row or column"
                                    + " (a value is sealed for the one place it was written to)");
        }
    }

    /** Whether this value was sealed by the current master key (without decrypting it). */
    public boolean isCurrentKey(String stored) {
        return stored != null
                && (stored.startsWith(PREFIX + ":" + key.id() + ":")
                        || stored.startsWith(LEGACY_PREFIX + ":" + key.id() + ":"));
    }

    /** Whether this value is in the {@code v1} format, not yet bound to its place. */
    public boolean isLegacy(String stored) {
        return stored != null && stored.startsWith(LEGACY_PREFIX + ":");
    }
}
