package dev.pilothouse.ai.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.pilothouse.ai.provider.TokenEstimate;
import dev.pilothouse.ai.provider.Tool;
import dev.pilothouse.resource.ResourceQueries.Description;
import dev.pilothouse.resource.ResourceQueries.EventSummary;
import dev.pilothouse.resource.ResourceQueries.PodSummary;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * What tool results cost the model, in o200k tokens (jtokkit): the schemas, a list of 1,000
 * realistic pods against its YAML and kubectl's wide table, describe, 10,000 log lines and 500
 * events, each shaped under the default 4,000-token budget. Figures for docs/benchmarks.md; the
 * targets of issue 12 are asserted. Samples of each result go to target/tool-output-samples/.
 */
@Tag("benchmark")
class ToolOutputBenchmark {

    static final Encoding O200K = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    static final int BUDGET = ToolSettings.DEFAULT_OUTPUT_TOKEN_BUDGET;
    static final Path SAMPLES = Path.of("target/tool-output-samples");

    final KubernetesSerialization serialization = new KubernetesSerialization();

    static int tokens(String text) {
        return O200K.countTokensOrdinary(text);
    }

    /** How far the budgets' estimate is from o200k on this text (and the four-characters rule it replaced). */
    static String calibration(String text) {
        return String.format(
                "estimate %d vs o200k %d, chars/4 %d", TokenEstimate.of(text), tokens(text), (text.length() + 3) / 4);
    }

    @Test
    void toolSchemas() {
        var json = JsonMapper.builder().build();
        List<Tool> tools = new ToolCatalog().all();
        int total = 0;
        int tenOnly = 0;
        for (Tool t : tools) {
            Map<String, Object> wire = new LinkedHashMap<>();
            wire.put("name", t.name());
            wire.put("description", t.description());
            wire.put("input_schema", t.parameters());
            int n = tokens(json.writeValueAsString(wire));
            System.out.printf("schema %-18s %4d tokens%n", t.name(), n);
            total += n;
            if (!t.name().equals("list_clusters")) tenOnly += n;
        }
        System.out.printf(
                "schemas: the ten tools %d tokens, with list_clusters %d tokens (target <= 1500)%n", tenOnly, total);
        assertThat(total).isLessThanOrEqualTo(1500);
    }

    @Test
    void listOfAThousandPods() throws IOException {
        var fixtures = new PodFixtures(42, NOW);
        var generated = fixtures.pods(1000);
        List<Map<String, Object>> maps = fixtures.asMaps(generated.pods());
        String yaml = serialization.asYaml(
                new PodListBuilder().withItems(generated.pods()).build());
        String wide = wideTable(generated.pods());

        long started = System.nanoTime();
        List<Map<String, Object>> redacted =
                maps.stream().map(m -> Redactor.object(m, false)).toList();
        Shaped shaped = ListShaper.shape("Pod", "pods", null, redacted, false, 5000, new Budget(BUDGET), NOW);
        String result = Untrusted.wrap("get_resources", "bench", shaped.body());
        double ms = (System.nanoTime() - started) / 1e6;

        int ours = tokens(result);
        int yamlTokens = tokens(yaml);
        int wideTokens = tokens(wide);
        long named = generated.unhealthy().stream()
                .filter(p -> result.contains(p.substring(p.indexOf('/') + 1)))
                .count();
        System.out.printf(
                "get_resources 1000 pods: shaped %d tokens (%d of %d unhealthy named, %.0f ms);"
                        + " YAML with managedFields %d tokens; wide table with labels %d tokens; ratio to wide %.3f%n",
                ours, named, generated.unhealthy().size(), ms, yamlTokens, wideTokens, (double) ours / wideTokens);
        save("get_resources-1000-pods.txt", result);
        System.out.println("calibration pods: " + calibration(result) + "; wide table: " + calibration(wide));
        save("kubectl-wide-1000-pods.txt", wide);
        assertThat(ours).isLessThanOrEqualTo(8000);
        assertThat(named).isEqualTo(generated.unhealthy().size());
        assertThat((double) ours / wideTokens).isLessThanOrEqualTo(0.1);
    }

    @Test
    void describeAPod() throws IOException {
        var fixtures = new PodFixtures(3, NOW);
        Pod pod = fixtures.pod(5, PodFixtures.Trouble.CRASH_LOOP);
        Map<String, Object> map = fixtures.asMaps(List.of(pod)).getFirst();
        List<EventSummary> events =
                events(40, new Random(3), List.of(pod.getMetadata().getName()));
        var summary = new PodSummary(
                pod.getMetadata().getName(),
                pod.getMetadata().getNamespace(),
                "Running",
                "0/2",
                31,
                "CrashLoopBackOff",
                "back-off 5m0s restarting failed container",
                "ip-10-0-5-15",
                pod.getMetadata().getCreationTimestamp());
        var description = new Description(map, events, List.of(summary), List.of());
        String raw = serialization.asYaml(pod) + serialization.asYaml(events);
        Shaped shaped = ObjectShaper.describe(description, false, new Budget(BUDGET), NOW);
        String result = Untrusted.wrap("describe_resource", "bench", shaped.body());
        System.out.printf(
                "describe_resource pod: shaped %d tokens; its YAML (managedFields) and events as YAML %d tokens%n",
                tokens(result), tokens(raw));
        save("describe_resource-pod.txt", result);
        System.out.println("calibration describe: " + calibration(result));
        assertThat(tokens(result)).isLessThanOrEqualTo(BUDGET + 500);
    }

    @Test
    void tenThousandLogLines() throws IOException {
        Random random = new Random(11);
        StringBuilder log = new StringBuilder();
        Instant t = NOW.minusSeconds(10_000);
        for (int i = 0; i < 10_000; i++) {
            t = t.plusMillis(900 + random.nextInt(200));
            int roll = random.nextInt(1000);
            String level = roll < 3 ? "ERROR" : roll < 15 ? "WARN" : "INFO";
            String message = switch (level) {
                case "ERROR" ->
                    "payment gateway call failed: java.net.SocketTimeoutException: Read timed out (order "
                            + (100_000 + random.nextInt(900_000)) + ")";
                case "WARN" ->
                    "retrying ledger call, attempt " + (2 + random.nextInt(3)) + " after 503 from ledger-api";
                default ->
                    "GET /api/orders/" + (100_000 + random.nextInt(900_000)) + " 200 " + (3 + random.nextInt(80))
                            + "ms user=" + random.nextInt(10_000) + " trace=" + Long.toHexString(random.nextLong());
            };
            log.append(t)
                    .append(' ')
                    .append(level)
                    .append(" [http-nio-8080-exec-")
                    .append(1 + random.nextInt(20))
                    .append("] c.e.checkout.OrderController - ")
                    .append(message)
                    .append('\n');
        }
        String raw = log.toString();
        long started = System.nanoTime();
        Shaped shaped = LogShaper.shape("shop/checkout-api-5d8f7b9c4-tq7wz", raw, 10_000, new Budget(BUDGET));
        String result = Untrusted.wrap("get_logs", "bench", shaped.body());
        double ms = (System.nanoTime() - started) / 1e6;
        long errors = raw.lines().filter(l -> l.contains(" ERROR ")).count();
        // An ERROR line stands for itself, or for N similar ones when it carries "[×N similar ...]".
        var times = java.util.regex.Pattern.compile("\\[×(\\d+) similar");
        long represented = result.lines()
                .filter(l -> l.contains(" ERROR "))
                .mapToLong(l -> {
                    var m = times.matcher(l);
                    return m.find() ? Long.parseLong(m.group(1)) : 1;
                })
                .sum();
        System.out.printf(
                "get_logs 10000 lines: shaped %d tokens (%.0f ms), %d of %d ERROR lines represented (shown or"
                        + " counted); raw %d tokens%n",
                tokens(result), ms, represented, errors, tokens(raw));
        save("get_logs-10000-lines.txt", result);
        System.out.println("calibration logs: " + calibration(result) + "; raw: " + calibration(raw));
        assertThat(tokens(result)).isLessThanOrEqualTo(BUDGET + 500);
        assertThat(represented).isEqualTo(errors);
    }

    @Test
    void fiveHundredEvents() throws IOException {
        List<String> objects = new ArrayList<>();
        for (int i = 0; i < 60; i++)
            objects.add("checkout-api-5d8f7b9c4-" + Integer.toString(36 * 36 * 36 + i * 977, 36));
        List<EventSummary> events = events(500, new Random(5), objects);
        String table = events.stream()
                .map(e -> e.namespace() + "   " + Maps.age(e.lastSeen(), NOW) + "   " + e.type() + "   " + e.reason()
                        + "   " + e.objectKind().toLowerCase() + "/" + e.objectName() + "   " + e.message())
                .collect(Collectors.joining("\n", "NAMESPACE   LAST SEEN   TYPE   REASON   OBJECT   MESSAGE\n", "\n"));
        Shaped shaped = EventShaper.shape(events, new Budget(BUDGET), NOW, true);
        String result = Untrusted.wrap("get_events", "bench", shaped.body());
        System.out.printf(
                "get_events 500 events: shaped %d tokens; kubectl get events table %d tokens; as YAML %d tokens%n",
                tokens(result), tokens(table), tokens(serialization.asYaml(events)));
        save("get_events-500.txt", result);
        System.out.println("calibration events: " + calibration(result));
        assertThat(tokens(result)).isLessThanOrEqualTo(BUDGET + 500);
    }

    private static List<EventSummary> events(int count, Random random, List<String> pods) {
        String[][] kinds = {
            {"Warning", "BackOff", "Back-off restarting failed container checkout-api in pod %s"},
            {
                "Warning",
                "Unhealthy",
                "Readiness probe failed: Get \"http://10.42.3.17:8080/ready\": context deadline exceeded"
            },
            {
                "Warning",
                "FailedScheduling",
                "0/40 nodes are available: 12 Insufficient cpu. preemption: 0/40 nodes are available."
            },
            {
                "Normal",
                "Pulled",
                "Container image \"registry.example.com/shop/checkout-api:1.4.2\" already present on machine"
            },
            {"Normal", "Created", "Created container checkout-api"},
            {"Normal", "Started", "Started container checkout-api"},
            {"Normal", "Scheduled", "Successfully assigned shop/%s to ip-10-0-5-15.eu-west-1.compute.internal"},
            {"Normal", "Killing", "Stopping container checkout-api"}
        };
        List<EventSummary> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String[] k = kinds[random.nextInt(kinds.length)];
            String pod = pods.get(random.nextInt(pods.size()));
            String at = NOW.minusSeconds(random.nextInt(7200)).toString();
            events.add(new EventSummary(
                    k[0], k[1], k[2].formatted(pod), "shop", "Pod", pod, 1 + random.nextInt(20), at, at, "kubelet"));
        }
        return events;
    }

    /** {@code kubectl get pods -A -o wide --show-labels}: padded columns, as kubectl prints them. */
    private String wideTable(List<Pod> pods) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {
            "NAMESPACE",
            "NAME",
            "READY",
            "STATUS",
            "RESTARTS",
            "AGE",
            "IP",
            "NODE",
            "NOMINATED NODE",
            "READINESS GATES",
            "LABELS"
        });
        var table = new PodTable();
        for (Pod pod : pods) {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = serialization.convertValue(pod, Map.class);
            KindTable.Row row = table.row(map, NOW);
            String labels = pod.getMetadata().getLabels().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(","));
            rows.add(new String[] {
                row.namespace(),
                row.name(),
                row.cells().get(0),
                row.cells().get(1),
                row.cells().get(2),
                row.cells().get(3),
                orNone(pod.getStatus().getPodIP()),
                orNone(pod.getSpec().getNodeName()),
                "<none>",
                "<none>",
                labels
            });
        }
        int[] widths = new int[rows.getFirst().length];
        for (String[] r : rows) for (int i = 0; i < r.length; i++) widths[i] = Math.max(widths[i], r[i].length());
        StringBuilder out = new StringBuilder();
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                out.append(r[i]);
                if (i < r.length - 1) out.repeat(' ', widths[i] - r[i].length() + 3);
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String orNone(String s) {
        return s == null ? "<none>" : s;
    }

    private static void save(String name, String text) throws IOException {
        Files.createDirectories(SAMPLES);
        Files.writeString(SAMPLES.resolve(name), text);
    }
}
