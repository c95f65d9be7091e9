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
 * <p>Stored form: {@code v1:<key id>:<base64(12-byte nonce || ciphertext+tag)>}. The key id lets
 * {@link #decrypt} tell "encrypted with another master key" apart from "damaged".
 */
@Component
public class SecretCipher {

    private static final String PREFIX = "v1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

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

    public String encrypt(String plaintext) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(key.id().getBytes(StandardCharsets.US_ASCII));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce)
                    .put(sealed)
                    .array();
            return PREFIX + ":" + key.id() + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /**
     * @param setting what the secret is, in words a person recognises ("Anthropic API key"); it
     *     is named in the error when the secret cannot be read
     */
    public String decrypt(String stored, String setting) {
        String[] parts = stored == null ? new String[0] : stored.split(":", 3);
        if (parts.length != 3 || !PREFIX.equals(parts[0])) {
            throw new SecretUnreadableException(setting, "it is not in the expected encrypted format");
        }
        if (!key.id().equals(parts[1])) {
            throw new SecretUnreadableException(setting, "it was encrypted with a different master key");
        }
        try {
            byte[] in = Base64.getDecoder().decode(parts[2]);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(key.id().getBytes(StandardCharsets.US_ASCII));
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SecretUnreadableException(setting, "the stored value is damaged");
        }
    }

    /** Whether this value was sealed by the current master key (without decrypting it). */
    public boolean isCurrentKey(String stored) {
        return stored != null && stored.startsWith(PREFIX + ":" + key.id() + ":");
    }
}
