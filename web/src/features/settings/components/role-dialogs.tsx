import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog, Dialog } from "@/components/ui/dialog";
import { Field, TextArea, TextInput } from "@/components/ui/field";
import { InlineError } from "@/components/ui/states";
import { useCreateRole, useDeleteRole, useUpdateRole } from "@/features/settings/api/rbac";
import type { Role, Rule } from "@/types/api";

const example = `get,list,watch,logs | "" | pods, pods/log
scale,restart | apps | deployments`;

/** One rule a line: verbs | API groups | resources, each a comma-separated list ("" is the core group). */
export function parseRules(text: string): { rules: Rule[]; error: string | null } {
  const rules: Rule[] = [];
  const lines = text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  for (const [i, line] of lines.entries()) {
    const parts = line.split("|").map((p) => p.trim());
    if (parts.length !== 3) return { rules, error: `Line ${i + 1}: write verbs | API groups | resources.` };
    const list = (p: string) =>
      p
        .split(",")
        .map((x) => x.trim())
        .filter((x) => x.length > 0)
        .map((x) => (x === '""' ? "" : x));
    rules.push({ verbs: list(parts[0]), apiGroups: list(parts[1]), resources: list(parts[2]) });
  }
  if (!rules.length) return { rules, error: "Add at least one rule." };
  return { rules, error: null };
}

/** The inverse of {@link parseRules}: the text a role's rules are edited as. */
export function formatRules(rules: Rule[]): string {
  const list = (xs: string[]) => xs.map((x) => (x === "" ? '""' : x)).join(", ");
  return rules.map((r) => `${list(r.verbs)} | ${list(r.apiGroups)} | ${list(r.resources)}`).join("\n");
}

/** Creates a role, or with `role` replaces that custom role's name, description and rules. */
export function RoleDialog({ role, onClose }: { role?: Role; onClose: () => void }) {
  const create = useCreateRole();
  const update = useUpdateRole();
  const save = role ? update : create;
  const [name, setName] = useState(role?.name ?? "");
  const [description, setDescription] = useState(role?.description ?? "");
  const [rules, setRules] = useState(role ? formatRules(role.rules) : example);
  const [parseError, setParseError] = useState<string | null>(null);
  function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = parseRules(rules);
    setParseError(parsed.error);
    if (parsed.error) return;
    const body = { name, description: description || undefined, rules: parsed.rules };
    if (role) update.mutate({ id: role.id, ...body }, { onSuccess: onClose });
    else create.mutate(body, { onSuccess: onClose });
  }
  return (
    <Dialog
      title={role ? `Edit role ${role.name}` : "New role"}
      onClose={onClose}
      wide
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" type="submit" form="role-form" disabled={save.isPending}>
            {role ? "Save role" : "Create role"}
          </Button>
        </>
      }
    >
      <form id="role-form" className="space-y-3" onSubmit={submit}>
        <Field label="Name" hint="Lowercase letters, digits and -">
          {(id, d) => <TextInput id={id} aria-describedby={d} required value={name} onChange={(e) => setName(e.target.value)} data-autofocus />}
        </Field>
        <Field label="Description">{(id) => <TextInput id={id} value={description} onChange={(e) => setDescription(e.target.value)} />}</Field>
        <Field label="Rules" hint='One rule a line: verbs | API groups | resources, comma-separated; "" is the core group, * matches all.' error={parseError}>
          {(id, d) => <TextArea id={id} aria-describedby={d} rows={6} value={rules} onChange={(e) => setRules(e.target.value)} spellCheck={false} />}
        </Field>
        {role && <p className="text-xs text-slate-500 dark:text-slate-400">Everyone bound to this role gets the new rules within seconds.</p>}
        <InlineError error={save.error} />
      </form>
    </Dialog>
  );
}

export function EditRoleButton({ role }: { role: Role }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="sm" variant="ghost" onClick={() => setOpen(true)} aria-label={`Edit role ${role.name}`}>
        Edit
      </Button>
      {open && <RoleDialog role={role} onClose={() => setOpen(false)} />}
    </>
  );
}

export function DeleteRoleButton({ id, name }: { id: string; name: string }) {
  const remove = useDeleteRole();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="sm" variant="ghost" onClick={() => setOpen(true)} aria-label={`Delete role ${name}`}>
        Delete
      </Button>
      {open && (
        <ConfirmDialog
          title={`Delete role ${name}?`}
          confirmLabel="Delete role"
          danger
          pending={remove.isPending}
          onClose={() => setOpen(false)}
          onConfirm={() => remove.mutate(id, { onSuccess: () => setOpen(false) })}
        >
          <p className="text-sm">Roles still bound to someone cannot be deleted; remove their bindings first.</p>
          <InlineError error={remove.error} />
        </ConfirmDialog>
      )}
    </>
  );
}
