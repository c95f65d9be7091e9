package dev.pilothouse.platform;

/**
 * Published for every refused request, so the audit log records refusals in one place: each 403
 * (an RBAC denial, an admin-only endpoint, a policy), and each change (POST, PUT, PATCH, DELETE)
 * refused as invalid (a failed validation of users, roles, clusters or settings). Refusals a
 * feature already audited itself, with more detail, are not published again ({@link
 * ApiException#markAudited}).
 *
 * @param actor the username, or {@code anonymous}
 * @param request method and path, e.g. {@code GET /api/clusters/prod/resources/secrets}
 * @param status the HTTP status of the answer
 */
public record AccessRefused(String actor, String request, int status, String code, String reason) {

    public AccessRefused(String actor, String request, String code, String reason) {
        this(actor, request, 403, code, reason);
    }

    public boolean denied() {
        return status == 403;
    }
}
