package dev.pilothouse.resource;

/**
 * One object on one cluster. {@code kind} is what was typed (kind, plural or short name);
 * {@code group} disambiguates when two groups serve the same name; {@code namespace} is ignored
 * for cluster-scoped kinds.
 */
public record ObjectRef(String cluster, String kind, String group, String namespace, String name) {}
