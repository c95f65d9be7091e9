package dev.pilothouse.platform;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.core.io.ClassPathResource;

/**
 * The Content-Security-Policy of every response: scripts only from this server (plus the inline
 * theme script of the built index.html, allowed by its hash, computed here at start so an edit of
 * that script cannot silently break it), no framing, no plugins, connections only to this origin.
 */
final class ContentSecurityPolicy {

    private ContentSecurityPolicy() {}

    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL);

    static String header() {
        StringBuilder scripts = new StringBuilder("'self'");
        for (String hash : inlineScriptHashes())
            scripts.append(" 'sha256-").append(hash).append("'");
        return "default-src 'self'; script-src " + scripts
                + "; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:;"
                + " connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self';"
                + " frame-ancestors 'none'";
    }

    private static List<String> inlineScriptHashes() {
        List<String> hashes = new ArrayList<>();
        var index = new ClassPathResource("static/index.html");
        if (!index.exists()) return hashes; // a server built without the web app
        try (InputStream in = index.getInputStream()) {
            String html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            var m = INLINE_SCRIPT.matcher(html);
            while (m.find()) {
                byte[] digest =
                        MessageDigest.getInstance("SHA-256").digest(m.group(1).getBytes(StandardCharsets.UTF_8));
                hashes.add(Base64.getEncoder().encodeToString(digest));
            }
        } catch (IOException | NoSuchAlgorithmException e) {
            // Without the hashes the theme script is blocked: the page still works, in light mode.
        }
        return hashes;
    }
}
