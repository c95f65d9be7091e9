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

    static final SecretCipher.Place PLACE =
            new SecretCipher.Place("ai_provider_keys", "anthropic", "api_key_encrypted");

    static SecretCipher cipher(String key, Path dataDir) {
        return new SecretCipher(new PlatformProperties(dataDir, key, DataSize.ofMegabytes(1)));
    }

    @Test
    void encryptsSoThePlaintextIsNotVisibleAndDecryptsBack() {
        var cipher = cipher(randomKey(), dataDir);
        String stored = cipher.encrypt("sk-ant-api03-secret-value", PLACE);

        assertThat(stored).startsWith("v2:").doesNotContain("sk-ant").doesNotContain("secret-value");
        assertThat(cipher.encrypt("sk-ant-api03-secret-value", PLACE))
                .as("fresh nonce each time")
                .isNotEqualTo(stored);
        assertThat(cipher.decrypt(stored, PLACE, "Anthropic API key")).isEqualTo("sk-ant-api03-secret-value");
    }

    @Test
    void anotherMasterKeyGivesAnErrorNamingTheSetting() {
        String stored = cipher(randomKey(), dataDir).encrypt("kubeconfig contents", PLACE);
        var other = cipher(randomKey(), dataDir);

        assertThatThrownBy(() -> other.decrypt(stored, PLACE, "kubeconfig of cluster prod"))
                .isInstanceOf(SecretUnreadableException.class)
                .hasMessageContaining("kubeconfig of cluster prod")
                .hasMessageContaining("different master key")
                .hasMessageContaining("PILOTHOUSE_MASTER_KEY");
    }

    @Test
    void aCiphertextCopiedToAnotherRowOrColumnIsRefused() {
        var cipher = cipher(randomKey(), dataDir);
        String stored = cipher.encrypt("sk-ant-api03-secret-value", PLACE);

        var otherRow = new SecretCipher.Place("ai_provider_keys", "openai", "api_key_encrypted");
        assertThatThrownBy(() -> cipher.decrypt(stored, otherRow, "OpenAI API key"))
                .isInstanceOf(SecretUnreadableException.class)
                .hasMessageContaining("OpenAI API key")
                .hasMessageContaining("copied there from another row or column");
        var otherTable = new SecretCipher.Place("clusters", "anthropic", "kubeconfig_encrypted");
        assertThatThrownBy(() -> cipher.decrypt(stored, otherTable, "kubeconfig of cluster anthropic"))
                .isInstanceOf(SecretUnreadableException.class);
    }

    @Test
    void aValueOfTheOlderFormatStillReadsWhereverItIs() {
        var cipher = cipher(randomKey(), dataDir);
        String legacy = cipher.encryptLegacy("kubeconfig contents");

        assertThat(legacy).startsWith("v1:");
        assertThat(cipher.isLegacy(legacy)).isTrue();
        assertThat(cipher.isCurrentKey(legacy)).isTrue();
        assertThat(cipher.decrypt(legacy, PLACE, "x")).isEqualTo("kubeconfig contents");
        assertThat(cipher.isLegacy(cipher.encrypt("kubeconfig contents", PLACE)))
                .isFalse();
    }

    @Test
    void tamperedCiphertextIsReportedAsDamaged() {
        var cipher = cipher(randomKey(), dataDir);
        String stored = cipher.encrypt("value", PLACE);
        char last = stored.charAt(stored.length() - 3);
        String tampered = stored.substring(0, stored.length() - 3)
                + (last == 'A' ? 'B' : 'A')
                + stored.substring(stored.length() - 2);

        assertThatThrownBy(() -> cipher.decrypt(tampered, PLACE, "OpenAI API key"))
                .isInstanceOf(SecretUnreadableException.class)
                .hasMessageContaining("damaged");
    }

    @Test
    void generatesAKeyFileReadableOnlyByTheOwnerAndReusesIt() throws Exception {
        String stored = cipher("", dataDir).encrypt("value", PLACE);
        Path keyFile = dataDir.resolve("master.key");

        assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(cipher("", dataDir).decrypt(stored, PLACE, "x"))
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
