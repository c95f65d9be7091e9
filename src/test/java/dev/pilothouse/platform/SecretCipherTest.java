package dev.pilothouse.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

class SecretCipherTest {

    @TempDir
    Path dataDir;

    static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    static SecretCipher cipher(String key, Path dataDir) {
        return new SecretCipher(new PlatformProperties(dataDir, key, DataSize.ofMegabytes(1)));
    }

    @Test
    void encryptsSoThePlaintextIsNotVisibleAndDecryptsBack() {
        var cipher = cipher(randomKey(), dataDir);
        String stored = cipher.encrypt("sk-ant-api03-secret-value");

        assertThat(stored).startsWith("v1:").doesNotContain("sk-ant").doesNotContain("secret-value");
        assertThat(cipher.encrypt("sk-ant-api03-secret-value"))
                .as("fresh nonce each time")
                .isNotEqualTo(stored);
        assertThat(cipher.decrypt(stored, "Anthropic API key")).isEqualTo("sk-ant-api03-secret-value");
    }

    @Test
    void anotherMasterKeyGivesAnErrorNamingTheSetting() {
        String stored = cipher(randomKey(), dataDir).encrypt("kubeconfig contents");
        var other = cipher(randomKey(), dataDir);

        assertThatThrownBy(() -> other.decrypt(stored, "kubeconfig of cluster prod"))
                .isInstanceOf(SecretUnreadableException.class)
                .hasMessageContaining("kubeconfig of cluster prod")
                .hasMessageContaining("different master key")
                .hasMessageContaining("PILOTHOUSE_MASTER_KEY");
    }

    @Test
    void tamperedCiphertextIsReportedAsDamaged() {
        var cipher = cipher(randomKey(), dataDir);
        String stored = cipher.encrypt("value");
        char last = stored.charAt(stored.length() - 3);
        String tampered = stored.substring(0, stored.length() - 3)
                + (last == 'A' ? 'B' : 'A')
                + stored.substring(stored.length() - 2);

        assertThatThrownBy(() -> cipher.decrypt(tampered, "OpenAI API key"))
                .isInstanceOf(SecretUnreadableException.class)
                .hasMessageContaining("damaged");
    }

    @Test
    void generatesAKeyFileReadableOnlyByTheOwnerAndReusesIt() throws Exception {
        String stored = cipher("", dataDir).encrypt("value");
        Path keyFile = dataDir.resolve("master.key");

        assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(cipher("", dataDir).decrypt(stored, "x"))
                .as("same key after restart")
                .isEqualTo("value");
    }

    @Test
    void aMalformedMasterKeyIsRefusedWithAHint() {
        assertThatThrownBy(() -> cipher("too-short", dataDir))
                .hasMessageContaining("PILOTHOUSE_MASTER_KEY")
                .hasMessageContaining("openssl rand -base64 32");
    }
}
