package dev.pilothouse.ai.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.ai.provider.TokenEstimate;
import dev.pilothouse.resource.ResourceQueries.EventSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the model reads of big results: summary first, unwell first, cuts stated, within budget. */
class OutputShapingTest {

    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @Test
    void aThousandPodsFitTheBudgetAndNameEveryUnhealthyPodFirst() {
        var fixtures = new PodFixtures(7, NOW);
        var generated = fixtures.pods(1000);
        List<Map<String, Object>> maps = fixtures.asMaps(generated.pods()).stream()
                .map(m -> Redactor.object(m, false))
                .toList();

        Shaped shaped = ListShaper.shape("Pod", "pods", null, maps, false, 5000, new Budget(4000), NOW);
        String text = shaped.body();

        assertThat(TokenEstimate.of(text)).isLessThanOrEqualTo(4200);
        List<String> lines = text.lines().toList();
        assertThat(lines.getFirst())
                .startsWith("1000 pods: Running")
                .contains("CrashLoopBackOff", "Pending", "By namespace (8): auth 125")
                .contains("Unhealthy: " + generated.unhealthy().size());
        assertThat(lines.get(1)).isEqualTo("NAMESPACE\tNAME\tREADY\tSTATUS\tRESTARTS\tAGE\tPROBLEM");
        for (String pod : generated.unhealthy()) {
            assertThat(text).contains(pod.substring(pod.indexOf('/') + 1));
        }
        // the unhealthy rows come before any healthy row
        int lastUnhealthy = -1;
        for (int i = 2; i < lines.size(); i++) {
            String line = lines.get(i);
            for (String pod : generated.unhealthy()) {
                if (line.contains(pod.substring(pod.indexOf('/') + 1))) lastUnhealthy = i;
            }
        }
        assertThat(lines.get(2)).contains("\t");
        assertThat(lines.subList(2, lastUnhealthy + 1))
                .noneMatch(l -> l.contains("\tRunning\t") && l.contains("1/1\t") && !l.contains(":"));
        assertThat(text)
                .containsPattern("\tCrashLoopBackOff\t\\d+\t\\w+\tback-off 5m0s restarting failed container")
                .containsPattern("\tPending\t0\t\\w+\tUnschedulable: 0/40 nodes are available")
                .contains("last exit: OOMKilled (code 137)")
                .containsPattern("\tEvicted\t0\t\\w+\tThe node was low on resource: memory");
        assertThat(lines.getLast())
                .startsWith("Not shown (output budget 4000 tokens):")
                .contains("healthy pods")
                .contains("narrow with namespace, labelSelector, fieldSelector or name");
        assertThat(text).doesNotContain("managedFields", "f:spec");
    }

    @Test
    void aSmallListIsWholeAndSaysNothingIsCut() {
        var fixtures = new PodFixtures(1, NOW);
        var maps = fixtures.asMaps(fixtures.pods(12).pods());
        String text = ListShaper.shape("Pod", "pods", "shop", maps, false, 5000, new Budget(4000), NOW)
                .body();
        assertThat(text.lines()).hasSize(2 + 12);
        assertThat(text).doesNotContain("Not shown");
    }

    @Test
    void logsKeepTheirErrorLinesWhenTheMiddleIsCut() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            if (i == 0) lines.add("starting checkout-api v1.4.2");
            else if (i == 3_000) lines.add("ERROR payment gateway refused connection: timeout after 5s");
            else if (i % 2_500 == 1) lines.add("WARN retrying ledger call (attempt 2)");
            else lines.add(i + " INFO GET /api/orders/" + i + " 200 12ms");
        }
        lines.add("FATAL startup aborted: DATABASE_URL not reachable");
        Shaped shaped = LogShaper.shape("shop/checkout-api-1", String.join("\n", lines), 10_000, new Budget(4000));
        String text = shaped.body();

        assertThat(TokenEstimate.of(text)).isLessThanOrEqualTo(4200);
        assertThat(text.lines().findFirst().orElseThrow())
                .contains("10001 lines")
                .contains("4000-token budget")
                .contains("Narrow with sinceSeconds");
        assertThat(text)
                .contains("starting checkout-api v1.4.2")
                .contains("ERROR payment gateway refused connection")
                .contains("WARN retrying ledger call (attempt 2)  [×")
                .endsWith("FATAL startup aborted: DATABASE_URL not reachable\n");
    }

    @Test
    void eventsAreGroupedWarningsFirst() {
        List<EventSummary> events = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            events.add(new EventSummary(
                    "Normal",
                    "Pulled",
                    "Container image already present",
                    "shop",
                    "Pod",
                    "web-" + (i % 4),
                    1,
                    null,
                    "2026-12-01T11:0" + (i % 10) + ":00Z",
                    "kubelet"));
        }
        for (int i = 0; i < 10; i++) {
            events.add(new EventSummary(
                    "Warning",
                    "BackOff",
                    "Back-off restarting failed container",
                    "shop",
                    "Pod",
                    "checkout-api-1",
                    3,
                    null,
                    "2026-12-01T11:5" + i + ":00Z",
                    "kubelet"));
        }
        String text = EventShaper.shape(events, new Budget(4000), NOW, true).body();
        List<String> lines = text.lines().toList();
        assertThat(lines.getFirst())
                .isEqualTo("50 events (10 Warning, 40 Normal) in 5 groups by object and reason (1 Warning).");
        assertThat(lines.get(1)).startsWith("Warning\tBackOff\tPod shop/checkout-api-1\t×30\tlast 60s ago");
        assertThat(lines).hasSize(6);
    }

    @Test
    void secretsAndNoiseNeverReachTheText() {
        Map<String, Object> secret = new java.util.LinkedHashMap<>(Map.of(
                "apiVersion", "v1",
                "kind", "Secret",
                "type", "Opaque",
                "metadata",
                        Map.of(
                                "name",
                                "db",
                                "namespace",
                                "shop",
                                "annotations",
                                Map.of(Redactor.LAST_APPLIED, "{\"data\":{\"password\":\"Q2FuYXJ5\"}}")),
                "data", Map.of("password", "Q2FuYXJ5UGFzc3dvcmQ=")));
        String text = ObjectShaper.object(secret, true, new Budget(4000), NOW).body();
        assertThat(text).contains("password").doesNotContain("Q2FuYXJ5").contains("never shown to the assistant");

        // A custom resource that stores the same shape is treated the same, whatever it calls itself.
        Map<String, Object> lookalike = new java.util.LinkedHashMap<>(secret);
        lookalike.put("kind", "SealedThing");
        assertThat(ObjectShaper.object(lookalike, false, new Budget(4000), NOW).body())
                .doesNotContain("Q2FuYXJ5");
    }
}
