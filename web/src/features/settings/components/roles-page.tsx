import { useState, type FormEvent } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable, type Column } from "@/components/ui/data-table";
import { Field, SelectInput, TextInput } from "@/components/ui/field";
import { Card, PageHeader } from "@/components/ui/page";
import { ErrorState, InlineError, LoadingState } from "@/components/ui/states";
import { useBindings, useCreateBinding, useDeleteBinding, useRoles } from "@/features/settings/api/rbac";
import { DeleteRoleButton, EditRoleButton, RoleDialog } from "./role-dialogs";
import { useUsers } from "@/features/settings/api/users";
import type { RoleBinding } from "@/types/api";

const list = (text: string) =>
  text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

export default function RolesPage() {
  const roles = useRoles();
  const [creating, setCreating] = useState(false);
  return (
    <div className="space-y-4">
      <PageHeader
        title="Roles"
        subtitle="What a user may do on a cluster: roles are lists of rules, bindings grant a role on clusters and namespaces."
        actions={
          <Button variant="primary" onClick={() => setCreating(true)}>
            New role
          </Button>
        }
      />
      {creating && <RoleDialog onClose={() => setCreating(false)} />}
      <Bindings />
      <Card title="Roles">
        {roles.isLoading && <LoadingState label="Loading roles" />}
        {roles.isError && <ErrorState error={roles.error} />}
        <ul className="space-y-4">
          {roles.data?.map((r) => (
            <li key={r.id}>
              <p className="flex items-center gap-2 font-medium">
                {r.name}{" "}
                {r.builtin ? (
                  <Badge tone="slate">built-in</Badge>
                ) : (
                  <>
                    <EditRoleButton role={r} />
                    <DeleteRoleButton id={r.id} name={r.name} />
                  </>
                )}
              </p>
              {r.description && <p className="text-sm text-slate-500 dark:text-slate-400">{r.description}</p>}
              <ul className="mt-1 space-y-0.5 font-mono text-xs">
                {r.rules.map((rule, i) => (
                  <li key={i}>
                    {rule.verbs.join(",")} on {rule.resources.join(",")} in {rule.apiGroups.map((g) => g || "core").join(",")}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}

function Bindings() {
  const bindings = useBindings();
  const remove = useDeleteBinding();
  const columns: Column<RoleBinding>[] = [
    { id: "user", header: "User", cell: (b) => b.username },
    { id: "role", header: "Role", cell: (b) => b.roleName },
    { id: "clusters", header: "Clusters", cell: (b) => b.clusters.join(", "), className: "font-mono text-xs" },
    { id: "namespaces", header: "Namespaces", cell: (b) => b.namespaces.join(", "), className: "font-mono text-xs" },
    {
      id: "actions",
      header: "Actions",
      hideHeader: true,
      width: "7rem",
      className: "text-right",
      cell: (b) => (
        <Button size="sm" variant="ghost" onClick={() => remove.mutate(b.id)} aria-label={`Remove ${b.roleName} from ${b.username}`}>
          Remove
        </Button>
      ),
    },
  ];
  return (
    <Card title="Bindings">
      {bindings.isLoading && <LoadingState label="Loading bindings" />}
      {bindings.isError && <ErrorState error={bindings.error} />}
      <InlineError error={remove.error} />
      {bindings.data && (
        <div className="mb-4">
          <DataTable label="Role bindings" rows={bindings.data} columns={columns} rowKey={(b) => b.id} minWidth="36rem" />
        </div>
      )}
      <NewBinding />
    </Card>
  );
}

function NewBinding() {
  const users = useUsers();
  const roles = useRoles();
  const create = useCreateBinding();
  const [userId, setUserId] = useState("");
  const [roleId, setRoleId] = useState("");
  const [clusters, setClusters] = useState("*");
  const [namespaces, setNamespaces] = useState("*");
  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate({ userId, roleId, clusters: list(clusters), namespaces: list(namespaces) });
  }
  return (
    <form
      onSubmit={submit}
      aria-label="Grant a role"
      className="grid grid-cols-2 gap-3 border-t border-slate-200 pt-3 lg:grid-cols-5 lg:items-end dark:border-slate-800"
    >
      <Field label="User">
        {(id) => (
          <SelectInput id={id} required value={userId} onChange={(e) => setUserId(e.target.value)}>
            <option value="">Choose…</option>
            {users.data?.map((u) => (
              <option key={u.id} value={u.id}>
                {u.username}
              </option>
            ))}
          </SelectInput>
        )}
      </Field>
      <Field label="Role">
        {(id) => (
          <SelectInput id={id} required value={roleId} onChange={(e) => setRoleId(e.target.value)}>
            <option value="">Choose…</option>
            {roles.data?.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </SelectInput>
        )}
      </Field>
      <Field label="Clusters" hint="Comma-separated, * for all">
        {(id, d) => <TextInput id={id} aria-describedby={d} value={clusters} onChange={(e) => setClusters(e.target.value)} />}
      </Field>
      <Field label="Namespaces" hint="Comma-separated, * for all">
        {(id, d) => <TextInput id={id} aria-describedby={d} value={namespaces} onChange={(e) => setNamespaces(e.target.value)} />}
      </Field>
      <div className="pb-5">
        <Button variant="primary" type="submit" disabled={create.isPending || !userId || !roleId}>
          Grant role
        </Button>
      </div>
      <div className="col-span-full">
        <InlineError error={create.error} />
      </div>
    </form>
  );
}
