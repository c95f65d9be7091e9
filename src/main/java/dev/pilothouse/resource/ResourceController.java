package dev.pilothouse.resource;

import dev.pilothouse.platform.ApiException;
import dev.pilothouse.resource.ResourceChanges.ChangeResult;
import dev.pilothouse.resource.ResourceQueries.Description;
import dev.pilothouse.resource.ResourceQueries.EventQuery;
import dev.pilothouse.resource.ResourceQueries.EventSummary;
import dev.pilothouse.resource.ResourceQueries.ListQuery;
import dev.pilothouse.resource.ResourceQueries.ListResult;
import dev.pilothouse.resource.ResourceQueries.LogQuery;
import dev.pilothouse.resource.ResourceQueries.Metrics;
import dev.pilothouse.resource.ResourceQueries.MetricsQuery;
import dev.pilothouse.resource.ResourceQueries.SearchHit;
import dev.pilothouse.resource.ResourceQueries.SearchQuery;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/clusters/{cluster}/...}: the resource API of the dashboard (see docs/protocol.md). */
@RestController
@RequestMapping("/api/clusters/{cluster}")
class ResourceController {

    private final ResourceReads reads;
    private final ResourceChanges changes;
    private final LogStreams streams;

    ResourceController(ResourceReads reads, ResourceChanges changes, LogStreams streams) {
        this.reads = reads;
        this.changes = changes;
        this.streams = streams;
    }

    /** @param takeOver the other managers' fields the caller's preview showed and the apply may take over */
    record ApplyRequest(
            @NotBlank(message = "is required") String yaml,
            String namespace,
            Boolean dryRun,
            List<ResourceChanges.Conflict> takeOver) {}

    /** {@code replicas} as sent, so 1.5 is refused instead of silently becoming 1. */
    record ScaleRequest(@NotNull(message = "is required") BigDecimal replicas, String namespace, Boolean dryRun) {

        int wholeReplicas() {
            if (replicas.signum() != 0 && replicas.stripTrailingZeros().scale() > 0
                    || replicas.compareTo(BigDecimal.ZERO) < 0
                    || replicas.compareTo(BigDecimal.valueOf(1000)) > 0) {
                throw new ApiException.InvalidField(
                        "invalid_request",
                        "replicas",
                        "replicas must be a whole number between 0 and 1000; it was " + replicas.toPlainString() + ".");
            }
            return replicas.intValueExact();
        }
    }

    record RestartRequest(String namespace, Boolean dryRun) {}

    @GetMapping("/kinds")
    List<ResourceType> kinds(@PathVariable String cluster, Authentication user) {
        return reads.kinds(caller(user), cluster);
    }

    @GetMapping("/resources/{kind}")
    ListResult list(
            @PathVariable String cluster,
            @PathVariable String kind,
            @RequestParam(required = false) String group,
            @RequestParam(required = false) String namespace,
            @RequestParam(required = false) String labelSelector,
            @RequestParam(required = false) String fieldSelector,
            @RequestParam(required = false) Integer limit,
            @RequestParam(name = "continue", required = false) String continueToken,
            Authentication user) {
        return reads.list(
                caller(user),
                cluster,
                kind,
                group,
                new ListQuery(namespace, labelSelector, fieldSelector, limit, continueToken));
    }

    @GetMapping("/resources/{kind}/{name}")
    ResponseEntity<?> get(
            @PathVariable String cluster,
            @PathVariable String kind,
            @PathVariable String name,
            @RequestParam(required = false) String group,
            @RequestParam(required = false) String namespace,
            @RequestParam(required = false) String format,
            Authentication user) {
        var ref = new ObjectRef(cluster, kind, group, namespace, name);
        if ("yaml".equalsIgnoreCase(format)) {
            return ResponseEntity.ok()
                    .contentType(MediaType.parseMediaType("application/yaml"))
                    .body(reads.getYaml(caller(user), ref));
        }
        return ResponseEntity.ok(reads.get(caller(user), ref));
    }

    @GetMapping("/resources/{kind}/{name}/describe")
    Description describe(
            @PathVariable String cluster,
            @PathVariable String kind,
            @PathVariable String name,
            @RequestParam(required = false) String group,
            @RequestParam(required = false) String namespace,
            Authentication user) {
        return reads.describe(caller(user), new ObjectRef(cluster, kind, group, namespace, name));
    }

    @PostMapping("/apply")
    ChangeResult apply(@PathVariable String cluster, @Valid @RequestBody ApplyRequest body, Authentication user) {
        return changes.apply(
                caller(user),
                cluster,
                body.yaml(),
                body.namespace(),
                Boolean.TRUE.equals(body.dryRun()),
                body.takeOver());
    }

    @DeleteMapping("/resources/{kind}/{name}")
    ChangeResult delete(
            @PathVariable String cluster,
            @PathVariable String kind,
            @PathVariable String name,
            @RequestParam(required = false) String group,
            @RequestParam(required = false) String namespace,
            @RequestParam(defaultValue = "false") boolean dryRun,
            Authentication user) {
        return changes.delete(caller(user), new ObjectRef(cluster, kind, group, namespace, name), dryRun);
    }

    @PostMapping("/resources/{kind}/{name}/scale")
    ChangeResult scale(
            @PathVariable String cluster,
            @PathVariable String kind,
            @PathVariable String name,
            @Valid @RequestBody ScaleRequest body,
            Authentication user) {
        return changes.scale(
                caller(user),
                new ObjectRef(cluster, kind, null, body.namespace(), name),
                body.wholeReplicas(),
                Boolean.TRUE.equals(body.dryRun()));
    }

    @PostMapping("/resources/{kind}/{name}/restart")
    ChangeResult restart(
            @PathVariable String cluster,
            @PathVariable String kind,
            @PathVariable String name,
            @RequestBody(required = false) RestartRequest body,
            Authentication user) {
        RestartRequest request = body == null ? new RestartRequest(null, false) : body;
        return changes.restart(
                caller(user),
                new ObjectRef(cluster, kind, null, request.namespace(), name),
                Boolean.TRUE.equals(request.dryRun()));
    }

    @GetMapping("/events")
    List<EventSummary> events(@PathVariable String cluster, EventQuery query, Authentication user) {
        return reads.events(caller(user), cluster, query);
    }

    /**
     * {@code ?follow=true}: streams the logs as the container writes them (chunked text/plain),
     * until the container stops or the client goes away. Written on this request's own (virtual)
     * thread and flushed per read: Spring's StreamingResponseBody ignores flush().
     */
    @GetMapping(path = "/namespaces/{namespace}/pods/{pod}/logs", params = "follow=true")
    void followLogs(
            @PathVariable String cluster,
            @PathVariable String namespace,
            @PathVariable String pod,
            LogQuery query,
            Authentication user,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        var session = request.getSession(false);
        // Registered so that logout, a removed binding or a disabled account closes it (LogStreams).
        try (var stream = streams.open(
                        caller(user),
                        session == null ? null : session.getId(),
                        cluster,
                        namespace,
                        () -> reads.followLogs(caller(user), cluster, namespace, pod, query));
                InputStream in = stream.watch().getOutput()) {
            response.setContentType(MediaType.TEXT_PLAIN_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            response.setHeader("X-Accel-Buffering", "no"); // a proxy in front must not hold the stream back
            OutputStream out = response.getOutputStream();
            out.flush(); // headers now: the browser knows the stream is open before the first line
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // The browser left, the cluster dropped the stream, or LogStreams ended it (an interrupt,
            // cleared here so the response still ends cleanly): closing the watch is all there is to do.
            Thread.interrupted();
        }
    }

    @GetMapping("/namespaces/{namespace}/pods/{pod}/logs")
    ResponseEntity<String> logs(
            @PathVariable String cluster,
            @PathVariable String namespace,
            @PathVariable String pod,
            LogQuery query,
            Authentication user) {
        // Declared as text on success only: errors stay JSON like everywhere else.
        return ResponseEntity.ok()
                .contentType(MediaType.TEXT_PLAIN)
                .body(reads.logs(caller(user), cluster, namespace, pod, query));
    }

    /** {@code scope} comes from the path, {@code namespace} from the query. */
    @GetMapping("/metrics/{scope}")
    Metrics metrics(@PathVariable String cluster, MetricsQuery query, Authentication user) {
        return reads.metrics(caller(user), cluster, query);
    }

    @GetMapping("/search")
    List<SearchHit> search(@PathVariable String cluster, SearchQuery query, Authentication user) {
        return reads.search(caller(user), cluster, query);
    }

    private static Caller caller(Authentication user) {
        return Caller.dashboard(user.getName());
    }
}
