package dev.pilothouse.rbac;

/**
 * The answer, with a sentence a person can act on, e.g. "viewer on cluster prod may not delete
 * deployments" or "allowed by role operator bound on cluster prod, namespace shop".
 */
public record AccessDecision(boolean allowed, String explanation) {}
