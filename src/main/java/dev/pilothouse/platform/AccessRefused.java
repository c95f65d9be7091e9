package dev.pilothouse.platform;

/**
 * Published for every request refused for lack of permission (a 403: an RBAC denial, an admin-only
 * endpoint, a policy), so the audit log records refusals in one place. Refusals a feature already
 * audited itself, with more detail, are not published again ({@link ApiException#markAudited}).
 *
 * @param actor the username, or {@code anonymous}
 * @param request method and path, e.g. {@code GET /api/clusters/prod/resources/secrets}
 */
public record AccessRefused(String actor, String request, String code, String reason) {}
