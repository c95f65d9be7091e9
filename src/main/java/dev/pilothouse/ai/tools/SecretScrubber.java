package dev.pilothouse.ai.tools;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks strings that look like credentials in anything a tool returns: logs, env values,
 * annotations, ConfigMaps, custom resources. Secret objects are redacted by structure ({@link
 * Redactor}); this is the net under everything else, so it prefers a false alarm to a leak.
 *
 * <p>Works line by line, and runs a rule only on lines that hold its cheap marker (a log of
 * 10,000 lines takes milliseconds, not the seconds the pair rule's backtracking would cost).
 */
final class SecretScrubber {

    static final String MASK = "[redacted]";

    /** @param markers lower-case substrings one of which a line needs before the pattern is tried */
    private record Rule(Pattern pattern, String replacement, List<String> markers) {}

    /** PEM blocks (keys, certificates) span lines, also when the END line was cut off. */
    private static final Pattern PEM =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]{1,40})-----[\\s\\S]*?(-----END \\1-----|\\z)");

    private static final List<Rule> RULES = List.of(
            // Credentials inside URLs: scheme://user:password@host
            new Rule(
                    Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]{1,20}://)([^/\\s:@\"']{1,100}):([^/\\s@\"']{1,200})@"),
                    "$1$2:" + MASK + "@",
                    List.of("://")),
            // JSON Web Tokens (header.payload.signature, base64url).
            new Rule(
                    Pattern.compile("\\beyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*"),
                    MASK,
                    List.of("eyj")),
            // Authorization headers.
            new Rule(
                    Pattern.compile("(?i)\\b(bearer|basic|token)(\\s+)[A-Za-z0-9._~+/=-]{12,}"),
                    "$1$2" + MASK,
                    List.of("bearer", "basic", "token")),
            // Cloud and SaaS keys with a recognisable shape.
            new Rule(
                    Pattern.compile("\\b(AKIA|ASIA|AGPA|AIDA|AROA)[A-Z0-9]{16}\\b"),
                    MASK,
                    List.of("akia", "asia", "agpa", "aida", "aroa")),
            new Rule(Pattern.compile("\\bAIza[0-9A-Za-z_-]{35}\\b"), MASK, List.of("aiza")),
            new Rule(Pattern.compile("\\bgh[pousr]_[A-Za-z0-9]{30,}\\b"), MASK, List.of("gh")),
            new Rule(Pattern.compile("\\bxox[abprs]-[A-Za-z0-9-]{10,}\\b"), MASK, List.of("xox")),
            new Rule(Pattern.compile("\\bsk-(ant-)?[A-Za-z0-9_-]{20,}\\b"), MASK, List.of("sk-")),
            new Rule(Pattern.compile("\\bglpat-[A-Za-z0-9_-]{20,}\\b"), MASK, List.of("glpat-")),
            new Rule(
                    Pattern.compile("(?i)\\b(AccountKey|SharedAccessKey|SharedAccessSignature)=[^;\\s\"']+"),
                    "$1=" + MASK,
                    List.of("accountkey", "sharedaccess")),
            // key=value and key: value pairs whose key names a secret (password=, "token": "...").
            new Rule(
                    Pattern.compile("(?i)(?<![\\w.-])([\\w.-]{0,60}?(?:password|passwd|pwd|secret|token|api[_-]?key"
                            + "|apikey|access[_-]?key|private[_-]?key|credentials?|auth[_-]?key|session[_-]?key)"
                            + "[\"']?)(\\s*[:=]\\s*[\"']?)(?![\\[\"'\\s])([^\\s\"',;&}]{1,400})"),
                    "$1$2" + MASK,
                    List.of("pass", "pwd", "secret", "token", "key", "credential")));

    private SecretScrubber() {}

    static String scrub(String text) {
        if (text == null || text.isEmpty()) return text;
        String out = text.contains("-----BEGIN ") ? PEM.matcher(text).replaceAll("[redacted $1]") : text;
        StringBuilder result = new StringBuilder(out.length());
        int start = 0;
        while (start <= out.length()) {
            int end = out.indexOf('\n', start);
            if (end < 0) end = out.length();
            result.append(scrubLine(out.substring(start, end)));
            if (end < out.length()) result.append('\n');
            start = end + 1;
        }
        return result.toString();
    }

    private static String scrubLine(String line) {
        String lower = line.toLowerCase(Locale.ROOT);
        String out = line;
        for (Rule rule : RULES) {
            if (rule.markers().stream().noneMatch(lower::contains)) continue;
            Matcher m = rule.pattern().matcher(out);
            if (m.find()) {
                out = m.replaceAll(rule.replacement());
                lower = out.toLowerCase(Locale.ROOT);
            }
        }
        return out;
    }
}
