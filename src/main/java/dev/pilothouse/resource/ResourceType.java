package dev.pilothouse.resource;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;

/**
 * A kind the cluster serves, from discovery.
 *
 * @param group API group, "" for the core group
 * @param plural the resource name used in URLs and RBAC rules, e.g. {@code deployments}
 * @param custom whether a CustomResourceDefinition adds it
 */
public record ResourceType(
        String group,
        String version,
        String kind,
        String plural,
        boolean namespaced,
        List<String> verbs,
        boolean custom) {

    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    ResourceDefinitionContext context() {
        return new ResourceDefinitionContext.Builder()
                .withGroup(group)
                .withVersion(version)
                .withKind(kind)
                .withPlural(plural)
                .withNamespaced(namespaced)
                .build();
    }

    boolean supports(String verb) {
        return verbs.contains(verb);
    }
}
