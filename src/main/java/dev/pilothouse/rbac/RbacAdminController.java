package dev.pilothouse.rbac;

import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Admin REST for roles and bindings. Validation happens in {@link RbacAdmin}, which names each field. */
@RestController
@RequestMapping("/api/rbac")
@PreAuthorize("hasRole('ADMIN')")
class RbacAdminController {

    private final RbacAdmin admin;

    RbacAdminController(RbacAdmin admin) {
        this.admin = admin;
    }

    record RoleBody(String name, String description, List<Rule> rules) {}

    record BindingBody(UUID userId, UUID roleId, List<String> clusters, List<String> namespaces) {}

    @GetMapping("/roles")
    List<Role> roles() {
        return admin.roles();
    }

    @GetMapping("/roles/{id}")
    Role role(@PathVariable UUID id) {
        return admin.role(id);
    }

    @PostMapping("/roles")
    @ResponseStatus(HttpStatus.CREATED)
    Role createRole(@RequestBody RoleBody body, Authentication actor) {
        return admin.createRole(actor.getName(), body.name(), body.description(), body.rules());
    }

    @PutMapping("/roles/{id}")
    Role updateRole(@PathVariable UUID id, @RequestBody RoleBody body, Authentication actor) {
        return admin.updateRole(actor.getName(), id, body.name(), body.description(), body.rules());
    }

    @DeleteMapping("/roles/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteRole(@PathVariable UUID id, Authentication actor) {
        admin.deleteRole(actor.getName(), id);
    }

    @GetMapping("/bindings")
    List<RoleBinding> bindings(@RequestParam(required = false) UUID userId) {
        return admin.bindings(userId);
    }

    @PostMapping("/bindings")
    @ResponseStatus(HttpStatus.CREATED)
    RoleBinding createBinding(@RequestBody BindingBody body, Authentication actor) {
        return admin.createBinding(actor.getName(), body.userId(), body.roleId(), body.clusters(), body.namespaces());
    }

    @DeleteMapping("/bindings/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteBinding(@PathVariable UUID id, Authentication actor) {
        admin.deleteBinding(actor.getName(), id);
    }
}
