package dev.pilothouse.cluster;

import dev.pilothouse.platform.ApiException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/clusters}: list and inspect the clusters one holds a role on (administrators: all);
 * register, change, remove for administrators. A cluster the caller may not see answers 404, as
 * one that does not exist, so its name, address and health error stay hidden.
 */
@RestController
@RequestMapping("/api/clusters")
class ClusterController {

    private final ClusterManager clusters;
    private final ClusterHealthMonitor monitor;
    private final ClusterVisibility visibility;

    ClusterController(ClusterManager clusters, ClusterHealthMonitor monitor, ClusterVisibility visibility) {
        this.clusters = clusters;
        this.monitor = monitor;
        this.visibility = visibility;
    }

    record RegisterCluster(
            @NotBlank(message = "is required") String name,
            @Size(max = 200, message = "is too long") String displayName,
            String kubeconfig,
            String context,
            Boolean inCluster,
            Boolean impersonate) {}

    record UpdateCluster(
            @Size(max = 200, message = "is too long") String displayName,
            String kubeconfig,
            String context,
            Boolean impersonate) {}

    record KubeconfigText(@NotBlank(message = "is required") String kubeconfig) {}

    @GetMapping
    List<ClusterInfo> list(Authentication user) {
        return clusters.list().stream().filter(c -> visible(user, c.name())).toList();
    }

    @GetMapping("/{name}")
    ClusterInfo get(@PathVariable String name, Authentication user) {
        requireVisible(user, name);
        return clusters.get(name);
    }

    /** The contexts of a kubeconfig, so the UI can offer a choice before registering. */
    @PostMapping("/kubeconfig-contexts")
    @PreAuthorize("hasRole('ADMIN')")
    List<Kubeconfig.Context> contexts(@Valid @RequestBody KubeconfigText body) {
        return clusters.contexts(body.kubeconfig());
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('ADMIN')")
    ClusterInfo register(@Valid @RequestBody RegisterCluster body, Authentication actor) {
        clusters.register(
                actor.getName(),
                new ClusterManager.Registration(
                        body.name(),
                        body.displayName(),
                        body.kubeconfig(),
                        body.context(),
                        Boolean.TRUE.equals(body.inCluster()),
                        body.impersonate()));
        monitor.check(body.name().strip());
        return clusters.get(body.name().strip());
    }

    @PatchMapping("/{name}")
    @PreAuthorize("hasRole('ADMIN')")
    ClusterInfo update(@PathVariable String name, @Valid @RequestBody UpdateCluster body, Authentication actor) {
        clusters.update(
                actor.getName(),
                name,
                new ClusterManager.Change(body.displayName(), body.kubeconfig(), body.context(), body.impersonate()));
        monitor.check(name);
        return clusters.get(name);
    }

    @DeleteMapping("/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasRole('ADMIN')")
    void remove(@PathVariable String name, Authentication actor) {
        clusters.remove(actor.getName(), name);
    }

    /** Checks the cluster now instead of waiting for the next background round. */
    @PostMapping("/{name}/health-check")
    ClusterInfo checkNow(@PathVariable String name, Authentication user) {
        requireVisible(user, name);
        clusters.get(name);
        monitor.check(name);
        return clusters.get(name);
    }

    private boolean visible(Authentication user, String cluster) {
        boolean admin = user.getAuthorities().stream().anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()));
        return admin || visibility.mayView(user.getName(), cluster);
    }

    private void requireVisible(Authentication user, String cluster) {
        if (!visible(user, cluster)) {
            throw ApiException.notFound("cluster_not_found", "There is no cluster named '" + cluster + "'.");
        }
    }
}
