package dev.pilothouse.resource;

import dev.pilothouse.cluster.ClusterHandle;
import dev.pilothouse.cluster.ClusterManager;
import dev.pilothouse.platform.ApiException;
import dev.pilothouse.rbac.AccessControl;
import dev.pilothouse.rbac.AccessRequest;
import dev.pilothouse.rbac.NamespaceScope;
import dev.pilothouse.rbac.Verb;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The one way into a cluster for reads and changes alike: the cluster resolved once per call,
 * names and namespaces validated ({@link KubeNames}) before RBAC is asked and before any URL is
 * built, the kind resolved through discovery, the RBAC check, the choice of namespace, the
 * not-found answer, and the check that the API server answered with the kind that was asked for.
 */
@Component
class ResourceAccess {

    private final ClusterManager clusters;
    private final Discovery discovery;
    private final AccessControl access;

    ResourceAccess(ClusterManager clusters, Discovery discovery, AccessControl access) {
        this.clusters = clusters;
        this.discovery = discovery;
        this.access = access;
    }

    /** @throws ApiException 404 {@code cluster_not_found} */
    Call open(Caller caller, String cluster) {
        if (cluster == null || cluster.isBlank()) {
            throw new ApiException.InvalidField(KubeNames.INVALID, "cluster", "cluster is required.");
        }
        return new Call(caller, clusters.open(cluster.strip()));
    }

    /** The clusters the caller holds a role on, by name. */
    List<String> clustersOf(Caller caller) {
        return clusters.list().stream()
                .map(dev.pilothouse.cluster.ClusterInfo::name)
                .filter(name -> access.hasRoleOn(caller.username(), name))
                .sorted()
                .toList();
    }

    /** One object as a call names it, once validated and resolved. */
    record Target(ResourceType type, String namespace, String name) {}

    /** One call of one caller on one cluster. Not shared between calls: it holds their client. */
    final class Call {
        private final Caller caller;
        private final ClusterHandle cluster;
        private KubernetesClient client;

        private Call(Caller caller, ClusterHandle cluster) {
            this.caller = caller;
            this.cluster = cluster;
        }

        Caller caller() {
            return caller;
        }

        String name() {
            return cluster.name();
        }

        /** As the caller: impersonating them where the cluster is set to. */
        KubernetesClient client() {
            if (client == null) client = cluster.clientAs(caller.username());
            return client;
        }

        KubernetesClient system() {
            return cluster.systemClient();
        }

        /** @throws ApiException 403 when the caller has no role on this cluster, before the cluster is asked anything */
        void requireRole() {
            access.requireRoleOn(caller.username(), cluster.name());
        }

        List<ResourceType> kinds() {
            requireRole();
            return discovery.types(cluster);
        }

        ResourceType kind(String kind, String group) {
            if (kind == null || kind.isBlank()) {
                throw new ApiException.InvalidField(KubeNames.INVALID, "kind", "kind is required.");
            }
            requireRole();
            return discovery.resolve(cluster, kind, group == null || group.isBlank() ? null : group.strip());
        }

        /**
         * One object: validated, its kind resolved, its namespace chosen, and (when {@code verb} is
         * given) the caller's permission checked. Changes pass null and check through their audited path.
         */
        Target object(String kind, String group, String namespace, String name, Verb verb) {
            String ns = KubeNames.namespace("namespace", namespace);
            KubeNames.anyName("name", name);
            ResourceType type = kind(kind, group);
            KubeNames.nameOf(type, "name", name);
            String chosen = namespaceFor(type, ns, name);
            if (verb != null) check(verb, chosen, type);
            return new Target(type, chosen, name);
        }

        Target object(ObjectRef ref, Verb verb) {
            return object(ref.kind(), ref.group(), ref.namespace(), ref.name(), verb);
        }

        void check(Verb verb, String namespace, ResourceType type) {
            check(verb, namespace, type.group(), type.plural());
        }

        void check(Verb verb, String namespace, String group, String plural) {
            access.check(new AccessRequest(caller.username(), verb, cluster.name(), namespace, group, plural));
        }

        boolean allowed(Verb verb, String namespace, String group, String plural) {
            return access.decide(new AccessRequest(caller.username(), verb, cluster.name(), namespace, group, plural))
                    .allowed();
        }

        boolean allowed(Verb verb, String namespace, ResourceType type) {
            return allowed(verb, namespace, type.group(), type.plural());
        }

        /** The namespaces in which the caller may {@code verb} objects of {@code type}: all, or the listed ones. */
        NamespaceScope namespaces(Verb verb, ResourceType type) {
            return access.namespaces(caller.username(), verb, cluster.name(), type.group(), type.plural());
        }

        ApiException notFound(ResourceType type, String namespace, String name) {
            return ResourceAccess.notFound(type, cluster.name(), namespace, name);
        }

        /**
         * The object as the API server returned it, refused when it claims another kind than was
         * asked for (a proxy or aggregated server answering for something else), then given the
         * type's apiVersion and kind where it came without (list items do).
         */
        Map<String, Object> expect(ResourceType type, Map<String, Object> object) {
            if (object == null) return null;
            Object kind = object.get("kind");
            Object apiVersion = object.get("apiVersion");
            if ((kind != null && !type.kind().equals(kind))
                    || (apiVersion != null && !groupOf(apiVersion.toString()).equals(type.group()))) {
                throw unexpected(type, apiVersion + " " + kind);
            }
            object.put("apiVersion", apiVersion == null ? type.apiVersion() : apiVersion);
            object.put("kind", type.kind());
            return object;
        }

        /** A list's own kind: {@code ConfigMapList} for configmaps (or the generic {@code List}). */
        void expectList(ResourceType type, String listKind) {
            if (listKind != null && !listKind.equals("List") && !listKind.equals(type.kind() + "List")) {
                throw unexpected(type, listKind);
            }
        }

        private ApiException unexpected(ResourceType type, String answered) {
            return new ApiException(
                    HttpStatus.BAD_GATEWAY,
                    "unexpected_kind",
                    "Cluster '" + cluster.name() + "' answered a request for " + type.plural() + " with "
                            + KubeNames.shown(answered.strip()) + "; the answer was discarded.");
        }
    }

    static String namespaceFor(ResourceType type, String namespace, String name) {
        if (!type.namespaced()) return null;
        if (namespace == null) {
            throw new ApiException.InvalidField(
                    "invalid_request",
                    "namespace",
                    type.kind() + " is a namespaced kind: say which namespace '" + name + "' is in.");
        }
        return namespace;
    }

    static ApiException notFound(ResourceType type, String cluster, String namespace, String name) {
        return ApiException.notFound(
                "resource_not_found",
                "There is no " + type.kind() + " '" + name + "'"
                        + (namespace == null ? "" : " in namespace '" + namespace + "'") + " of cluster '" + cluster
                        + "'.");
    }

    private static String groupOf(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }
}
