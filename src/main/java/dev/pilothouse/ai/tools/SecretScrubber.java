package dev.pilothouse.ai.tools;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks strings that look like credentials in anything a tool returns: logs, env values,
 * annotations, ConfigMaps, custom resources. Secret objects are redacted by structure ({@link
 * Redactor}); this is the net under everything else, so it prefers a false alarm to a leak.
 */
final class SecretScrubber {

    static final String MASK = "[redacted]";

    private record Rule(Pattern pattern, String replacement) {}

    private static final List<Rule> RULES = List.of(
            // PEM blocks (keys, certificates), also when the END line was cut off.
            new Rule(
                    Pattern.compile("-----BEGIN ([A-Z0-9 ]{1,40})-----[\\s\\S]*?(-----END \\1-----|\\z)"),
                    "[redacted $1]"),
            // Credentials inside URLs: scheme://user:password@host
            new Rule(
                    Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]{1,20}://)([^/\\s:@\"']{1,100}):([^/\\s@\"']{1,200})@"),
                    "$1$2:" + MASK + "@"),
            // JSON Web Tokens (header.payload.signature, base64url).
            new Rule(Pattern.compile("\\beyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{0,}"), MASK),
            // Authorization headers.
            new Rule(Pattern.compile("(?i)\\b(bearer|basic|token)(\\s+)[A-Za-z0-9._~+/=-]{12,}"), "$1$2" + MASK),
            // Cloud and SaaS keys with a recognisable shape.
            new Rule(Pattern.compile("\\b(AKIA|ASIA|AGPA|AIDA|AROA)[A-Z0-9]{16}\\b"), MASK),
            new Rule(Pattern.compile("\\bAIza[0-9A-Za-z_-]{35}\\b"), MASK),
            new Rule(Pattern.compile("\\bgh[pousr]_[A-Za-z0-9]{30,}\\b"), MASK),
            new Rule(Pattern.compile("\\bxox[abprs]-[A-Za-z0-9-]{10,}\\b"), MASK),
            new Rule(Pattern.compile("\\bsk-(ant-)?[A-Za-z0-9_-]{20,}\\b"), MASK),
            new Rule(Pattern.compile("\\bglpat-[A-Za-z0-9_-]{20,}\\b"), MASK),
            new Rule(
                    Pattern.compile("(?i)\\b(AccountKey|SharedAccessKey|SharedAccessSignature)=[^;\\s\"']+"),
                    "$1=" + MASK),
            // key=value and key: value pairs whose key names a secret (password=, "token": "...").
            new Rule(
                    Pattern.compile("(?i)([\\w.-]*(?:password|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]?key"
                            + "|private[_-]?key|credentials?|auth[_-]?key|session[_-]?key)[\"']?)(\\s*[:=]\\s*[\"']?)"
                            + "(?![\\[\"'\\s])([^\\s\"',;&}]{1,400})"),
                    "$1$2" + MASK));

    private SecretScrubber() {}

    static String scrub(String text) {
        if (text == null || text.isEmpty()) return text;
        String out = text;
        for (Rule rule : RULES) {
            Matcher m = rule.pattern().matcher(out);
            if (m.find()) out = m.replaceAll(rule.replacement());
        }
        return out;
    }
}
