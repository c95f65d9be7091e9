package dev.pilothouse.ai.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The one estimate every budget uses, against o200k (GPT-4o's tokenizer; Claude's differs by a few
 * per cent) on what the budgets hold: documentation prose, YAML, and tool output dense with hashes,
 * timestamps and addresses. It may count a little high, never much low: a budget built on an
 * undercount overflows the context it was meant to protect.
 */
class TokenEstimateTest {

    static final Encoding O200K = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    static final Path TESTDATA = Path.of("../shared/testdata");

    static String files(Path dir, String suffix) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(p -> p.toString().endsWith(suffix))
                    .sorted()
                    .map(p -> {
                        try {
                            return Files.readString(p);
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .collect(Collectors.joining("\n"));
        }
    }

    /** What get_resources and get_logs hand the model: pod names with hashes, IPs, ages, timestamps, tabs. */
    static String toolOutput() {
        var random = new Random(7);
        var out = new StringBuilder("NAMESPACE\tNAME\tREADY\tSTATUS\tRESTARTS\tAGE\tIP\tNODE\n");
        String[] apps = {"checkout-api", "web", "ledger", "payments-worker", "redis", "ingress-nginx-controller"};
        for (int i = 0; i < 400; i++) {
            String hash = Long.toString(random.nextLong() & 0xffffffffffL, 36);
            out.append("shop\t%s-%s-%s\t1/1\tRunning\t%d\t%dd\t10.%d.%d.%d\tip-10-0-%d-%d.eu-west-1.compute.internal\n"
                    .formatted(
                            apps[i % apps.length],
                            hash.substring(0, Math.min(9, hash.length())),
                            Long.toString(random.nextInt(60_000_000), 36),
                            random.nextInt(12),
                            random.nextInt(90),
                            random.nextInt(255),
                            random.nextInt(255),
                            random.nextInt(255),
                            random.nextInt(255),
                            random.nextInt(255)));
            out.append("2026-12-01T12:%02d:%02d.%06dZ ERROR request id=%08x failed after %d ms: upstream 503\n"
                    .formatted(
                            i % 60,
                            random.nextInt(60),
                            random.nextInt(1_000_000),
                            random.nextInt(),
                            random.nextInt(5000)));
        }
        return out.toString();
    }

    static double ratio(String text) {
        double ratio = (double) TokenEstimate.of(text) / O200K.countTokensOrdinary(text);
        System.out.printf(
                "estimate %d, o200k %d, chars/4 %d: %.3f%n",
                TokenEstimate.of(text), O200K.countTokensOrdinary(text), (text.length() + 3) / 4, ratio);
        return ratio;
    }

    @Test
    void documentationProseIsNotUndercounted() throws IOException {
        assertThat(ratio(files(TESTDATA.resolve("k8s-docs"), ".md"))).isBetween(1.0, 1.25);
    }

    @Test
    void yamlIsNotUndercounted() throws IOException {
        assertThat(ratio(files(TESTDATA.resolve("crds"), ".yaml"))).isBetween(1.0, 1.25);
    }

    @Test
    void toolOutputIsNotUndercounted() {
        assertThat(ratio(toolOutput())).isBetween(1.0, 1.25);
    }

    @Test
    void nothingCostsNothingAndSpacesJoinTheWordAfterThem() {
        assertThat(TokenEstimate.of(null)).isZero();
        assertThat(TokenEstimate.of("")).isZero();
        assertThat(TokenEstimate.of("scale web")).isEqualTo(2);
        assertThat(TokenEstimate.of("ready: 12345"))
                .as("a word, a colon, digits in threes")
                .isEqualTo(4);
        assertThat(TokenEstimate.of("a\n\n\nb")).as("a run of newlines is one").isEqualTo(3);
    }

    @Test
    void truncateKeepsTheLongestPrefixThatFitsCutAtALineEndWhenOneIsNear() {
        String text = "first line of the log\nsecond line of the log\nthird line of the log\n";
        assertThat(TokenEstimate.truncate(text, 1_000)).isSameAs(text);
        assertThat(TokenEstimate.truncate(null, 10)).isNull();

        int twoLines = TokenEstimate.of("first line of the log\nsecond line of the log\n");
        String cut = TokenEstimate.truncate(text, twoLines + 2);
        assertThat(cut).isEqualTo("first line of the log\nsecond line of the log");

        String words = "alpha beta gamma delta epsilon zeta eta theta";
        String prefix = TokenEstimate.truncate(words, 3);
        assertThat(prefix).isEqualTo("alpha beta gamma ");
        assertThat(TokenEstimate.of(prefix)).isLessThanOrEqualTo(3);
    }
}
