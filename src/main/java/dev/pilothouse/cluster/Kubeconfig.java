package dev.pilothouse.cluster;

import dev.pilothouse.platform.ApiException;
import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import java.util.List;

/**
 * A kubeconfig as pasted or uploaded: parsed and checked up front, so a bad one is refused with
 * a message that names the problem instead of failing later on the first API call.
 */
record Kubeconfig(String yaml, io.fabric8.kubernetes.api.model.Config parsed) {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Kubeconfig.class);

    static {
        // fabric8 otherwise lets this server's own environment (KUBERNETES_MASTER, a token,
        // kubernetes.trust.certificates, ...) override what an uploaded kubeconfig says.
        System.setProperty(Config.KUBERNETES_DISABLE_AUTO_CONFIG_SYSTEM_PROPERTY, "true");
    }

    /** One context of the file, as the "choose a context" picker shows it. */
    record Context(String name, String cluster, String server, String namespace, boolean current) {}

    static Kubeconfig parse(String yaml) {
        // Traced so a test can count how often a request decrypts and parses a stored file.
        log.trace("parsing a kubeconfig");
        if (yaml == null || yaml.isBlank()) {
            throw invalid("The kubeconfig is empty; paste the contents of a kubeconfig file.");
        }
        requireMapping(yaml);
        io.fabric8.kubernetes.api.model.Config parsed;
        try {
            parsed = KubeConfigUtils.parseConfigFromString(yaml);
        } catch (RuntimeException e) {
            throw invalid("The kubeconfig is not valid YAML: " + rootMessage(e));
        }
        if (parsed == null
                || parsed.getContexts() == null
                || parsed.getContexts().isEmpty()) {
            throw invalid("The kubeconfig has no contexts; it needs at least one entry under 'contexts'.");
        }
        return new Kubeconfig(yaml, parsed);
    }

    List<Context> contexts() {
        return parsed.getContexts().stream()
                .map(c -> new Context(
                        c.getName(),
                        c.getContext() == null ? null : c.getContext().getCluster(),
                        server(c),
                        c.getContext() == null ? null : c.getContext().getNamespace(),
                        c.getName().equals(parsed.getCurrentContext())))
                .toList();
    }

    /** The context to use: the one asked for, else the only one, else the file's current context. */
    String chooseContext(String requested) {
        List<String> names = contexts().stream().map(Context::name).toList();
        if (requested != null && !requested.isBlank()) {
            if (!names.contains(requested)) {
                throw invalid(
                        "The kubeconfig has no context '" + requested + "'; it has: " + String.join(", ", names) + ".");
            }
            return requested;
        }
        if (names.size() == 1) {
            return names.getFirst();
        }
        if (parsed.getCurrentContext() != null && names.contains(parsed.getCurrentContext())) {
            return parsed.getCurrentContext();
        }
        throw invalid("The kubeconfig has several contexts and no current one; choose one of: "
                + String.join(", ", names) + ".");
    }

    /** A fabric8 client configuration for one context, validated enough to be usable. */
    Config clientConfig(String context) {
        NamedContext named = parsed.getContexts().stream()
                .filter(c -> c.getName().equals(context))
                .findFirst()
                .orElseThrow();
        if (named.getContext() == null || named.getContext().getCluster() == null) {
            throw invalid("Context '" + context + "' names no cluster.");
        }
        if (server(named) == null) {
            throw invalid("Context '" + context + "' refers to cluster '"
                    + named.getContext().getCluster()
                    + "', which is missing from 'clusters' or has no 'server' address.");
        }
        try {
            return Config.fromKubeconfig(context, yaml, null);
        } catch (RuntimeException e) {
            throw invalid("Context '" + context + "' cannot be used: " + rootMessage(e));
        }
    }

    /**
     * A kubeconfig pasted into the UI must not make the server run programs or read its own files:
     * exec credential plugins, auth providers and paths to certificate or token files are refused,
     * in every entry of the file (not only the chosen context's: a later PATCH may choose another
     * context of the stored file), and names must be unique, because fabric8 takes the last entry
     * of a name where a check of the first would look. (A kubeconfig found on the server's own disk
     * at first start is trusted; it is the operator's.)
     */
    void requireSelfContained() {
        requireUniqueNames(
                "contexts",
                parsed.getContexts().stream().map(NamedContext::getName).toList());
        requireUniqueNames(
                "clusters",
                parsed.getClusters() == null
                        ? List.of()
                        : parsed.getClusters().stream()
                                .map(NamedCluster::getName)
                                .toList());
        var users = parsed.getUsers() == null
                ? List.<io.fabric8.kubernetes.api.model.NamedAuthInfo>of()
                : parsed.getUsers();
        requireUniqueNames(
                "users",
                users.stream()
                        .map(io.fabric8.kubernetes.api.model.NamedAuthInfo::getName)
                        .toList());
        for (var named : users) {
            var user = named.getUser();
            if (user == null) continue;
            String userName = named.getName();
            if (user.getExec() != null) {
                throw invalid("User '" + userName + "' gets its credentials by running '"
                        + user.getExec().getCommand()
                        + "'; Pilothouse does not run programs from an uploaded kubeconfig. Use a ServiceAccount token or"
                        + " a client certificate (token, client-certificate-data, client-key-data).");
            }
            if (user.getAuthProvider() != null) {
                throw invalid("User '" + userName + "' uses the auth provider '"
                        + user.getAuthProvider().getName()
                        + "', which is not supported; use a ServiceAccount token or a client certificate.");
            }
            if (user.getClientCertificate() != null || user.getClientKey() != null || user.getTokenFile() != null) {
                throw invalid("User '" + userName + "' refers to files on disk; paste the contents instead"
                        + " (client-certificate-data, client-key-data, token).");
            }
        }
        if (parsed.getClusters() == null) return;
        for (NamedCluster c : parsed.getClusters()) {
            if (c.getCluster() != null && c.getCluster().getCertificateAuthority() != null) {
                throw invalid("Cluster '" + c.getName() + "' refers to the file "
                        + c.getCluster().getCertificateAuthority()
                        + "; paste its contents as certificate-authority-data instead.");
            }
        }
    }

    private static void requireUniqueNames(String section, List<String> names) {
        var seen = new java.util.HashSet<String>();
        for (String name : names) {
            if (name == null) throw invalid("An entry under '" + section + "' has no name.");
            if (!seen.add(name)) {
                throw invalid("'" + name + "' appears more than once under '" + section
                        + "'; each name may appear only once.");
            }
        }
    }

    String server(String context) {
        return parsed.getContexts().stream()
                .filter(c -> c.getName().equals(context))
                .findFirst()
                .map(this::server)
                .orElse(null);
    }

    private String server(NamedContext context) {
        if (context.getContext() == null || parsed.getClusters() == null) return null;
        return parsed.getClusters().stream()
                .filter(c -> c.getName().equals(context.getContext().getCluster()))
                .map(NamedCluster::getCluster)
                .filter(c ->
                        c != null && c.getServer() != null && !c.getServer().isBlank())
                .map(io.fabric8.kubernetes.api.model.Cluster::getServer)
                .findFirst()
                .orElse(null);
    }

    private static ApiException invalid(String message) {
        return ApiException.badRequest("invalid_kubeconfig", message);
    }

    private static final tools.jackson.dataformat.yaml.YAMLMapper YAML =
            tools.jackson.dataformat.yaml.YAMLMapper.builder().build();

    /**
     * A kubeconfig is a mapping; a string, a number or a list would otherwise be answered with the
     * parser's own words about the Java class it could not build. Syntax errors say where.
     */
    private static void requireMapping(String yaml) {
        tools.jackson.databind.JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (tools.jackson.core.JacksonException e) {
            var at = e.getLocation();
            String where = at == null || at.getLineNr() < 1
                    ? ""
                    : " (line %d, column %d)".formatted(at.getLineNr(), at.getColumnNr());
            String problem = e.getOriginalMessage() == null
                    ? "it could not be parsed"
                    : e.getOriginalMessage().lines().findFirst().orElse("").strip();
            throw invalid("The kubeconfig is not valid YAML" + where + ": " + problem);
        } catch (StackOverflowError e) {
            throw invalid("The kubeconfig refers to itself (an alias inside its own anchor); write the value out.");
        }
        if (root == null || !root.isObject()) {
            String shape = root == null || root.isMissingNode() || root.isNull()
                    ? "empty"
                    : root.isArray()
                            ? "a list"
                            : root.isNumber() ? "a number" : root.isTextual() ? "a string" : "not a mapping";
            throw invalid("The kubeconfig is " + shape + "; paste the whole file, a mapping with apiVersion, clusters,"
                    + " users and contexts.");
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
