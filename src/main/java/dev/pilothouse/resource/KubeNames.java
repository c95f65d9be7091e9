package dev.pilothouse.resource;

import dev.pilothouse.platform.ApiException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Names and namespaces checked as Kubernetes checks them (apimachinery's validation), before RBAC
 * is asked and before they become part of a URL: fabric8 joins path segments without escaping
 * them, so {@code payments/secrets/x#} as a namespace would make a ConfigMap read a Secret read.
 *
 * <ul>
 *   <li>namespaces (and Namespace objects): a DNS-1123 label;
 *   <li>container names: a DNS-1123 label;
 *   <li>RBAC, CertificateSigningRequest and flow-control objects: a path segment name (not "." or
 *       "..", no "/" or "%"); Pilothouse also refuses what a URL would read differently ("?",
 *       "#", "\", spaces, control and non-ASCII characters);
 *   <li>everything else: a DNS-1123 subdomain.
 * </ul>
 */
final class KubeNames {

    private KubeNames() {}

    static final String INVALID = "invalid_name";
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    /** Printable ASCII without what a URL reads as a separator or an escape. */
    private static final Pattern PATH_SEGMENT = Pattern.compile("[!$&'()*+,\\-.0-9:;<=>@A-Z\\[\\]^_`a-z{|}~]+");

    private static final Set<String> PATH_SEGMENT_GROUPS =
            Set.of("rbac.authorization.k8s.io", "certificates.k8s.io", "flowcontrol.apiserver.k8s.io");

    /** @return the namespace, stripped, or null when none was given */
    static String namespace(String field, String value) {
        if (value == null || value.isBlank()) return null;
        String ns = value.strip();
        if (ns.length() > 63 || !LABEL.matcher(ns).matches()) {
            throw invalid(
                    field,
                    value,
                    "a namespace is at most 63 lowercase letters, digits or '-', starting and ending with a letter or"
                            + " digit");
        }
        return ns;
    }

    /** A name before its kind is known: only what no kind allows is refused here. */
    static String anyName(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new ApiException.InvalidField(INVALID, field, field + " is required.");
        }
        if (!isPathSegment(value)) {
            throw invalid(field, value, pathSegmentRule());
        }
        return value;
    }

    /** The name as the kind's own validation in Kubernetes wants it. */
    static String nameOf(ResourceType type, String field, String value) {
        anyName(field, value);
        if (PATH_SEGMENT_GROUPS.contains(type.group())) {
            return value;
        }
        if (type.group().isEmpty() && type.plural().equals("namespaces")) {
            if (value.length() > 63 || !LABEL.matcher(value).matches()) {
                throw invalid(
                        field,
                        value,
                        "a Namespace's name is at most 63 lowercase letters, digits or '-', starting and ending with"
                                + " a letter or digit");
            }
            return value;
        }
        if (value.length() > 253 || !SUBDOMAIN.matcher(value).matches()) {
            throw invalid(
                    field,
                    value,
                    "a " + type.kind() + "'s name is at most 253 lowercase letters, digits, '-' or '.', starting and"
                            + " ending with a letter or digit");
        }
        return value;
    }

    /** @return the container name, or null when none was given */
    static String container(String field, String value) {
        if (value == null || value.isBlank()) return null;
        if (value.length() > 63 || !LABEL.matcher(value).matches()) {
            throw invalid(
                    field,
                    value,
                    "a container name is at most 63 lowercase letters, digits or '-', starting and ending with a"
                            + " letter or digit");
        }
        return value;
    }

    private static boolean isPathSegment(String value) {
        return value.length() <= 253
                && !value.equals(".")
                && !value.equals("..")
                && !value.contains("/")
                && !value.contains("%")
                && PATH_SEGMENT.matcher(value).matches();
    }

    private static String pathSegmentRule() {
        return "a name may not be '.' or '..', and may not contain '/', '%', '?', '#', spaces or control characters";
    }

    private static ApiException invalid(String field, String value, String rule) {
        return new ApiException.InvalidField(
                INVALID, field, "%s '%s' is not valid: %s.".formatted(field, shown(value), rule));
    }

    /** The value as a person can read it in a message: control characters visible, long values cut. */
    static String shown(String value) {
        StringBuilder out = new StringBuilder();
        value.codePoints().limit(80).forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append("\\u%04x".formatted(c));
            } else {
                out.appendCodePoint(c);
            }
        });
        if (value.codePointCount(0, value.length()) > 80) out.append("…");
        return out.toString();
    }
}
