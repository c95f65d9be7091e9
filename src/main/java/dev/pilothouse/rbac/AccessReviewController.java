package dev.pilothouse.rbac;

import dev.pilothouse.platform.ApiException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * "What may I do here?" for the logged-in user, many questions in one call: the web UI asks before
 * it shows buttons, so it can hide the ones that would be refused. Only ever about the caller.
 */
@RestController
class AccessReviewController {

    static final int MAX_CHECKS = 200;

    private final AccessControl access;

    AccessReviewController(AccessControl access) {
        this.access = access;
    }

    record Check(String verb, String cluster, String namespace, String apiGroup, String resource) {}

    record Review(List<Check> checks) {}

    record Results(List<AccessDecision> results) {}

    @PostMapping("/api/rbac/access-review")
    Results review(@RequestBody Review body, Authentication caller) {
        List<AccessRequest> requests = parse(caller.getName(), body.checks());
        return new Results(requests.stream().map(access::decide).toList());
    }

    private static List<AccessRequest> parse(String username, List<Check> checks) {
        if (checks == null) throw ApiException.badRequest("invalid_request", "checks: is required.");
        if (checks.size() > MAX_CHECKS) {
            throw ApiException.badRequest("invalid_request", "checks: at most " + MAX_CHECKS + " per request.");
        }
        List<String> problems = new ArrayList<>();
        List<AccessRequest> requests = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            Check check = checks.get(i);
            String at = "checks[" + i + "]";
            if (check == null) {
                problems.add(at + ": is empty");
                continue;
            }
            var verb = Verb.parse(check.verb());
            if (verb.isEmpty()) {
                problems.add(at + ".verb: "
                        + (check.verb() == null
                                ? "is required"
                                : "'" + check.verb() + "' is not a verb; use one of " + Verb.allValues()));
            }
            if (check.cluster() == null || check.cluster().isBlank()) problems.add(at + ".cluster: is required");
            if (check.resource() == null || check.resource().isBlank()) problems.add(at + ".resource: is required");
            if (problems.isEmpty()) {
                requests.add(new AccessRequest(
                        username, verb.get(), check.cluster(), check.namespace(), check.apiGroup(), check.resource()));
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.badRequest("invalid_request", String.join("; ", problems) + ".");
        }
        return requests;
    }
}
