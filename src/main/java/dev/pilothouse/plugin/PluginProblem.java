package dev.pilothouse.plugin;

/**
 * Why a manifest was skipped: the file, the field (a path such as {@code kinds[0].columns[2].jsonPath},
 * or null when the file could not be read at all) and what to change.
 */
public record PluginProblem(String file, String field, String message) {}
