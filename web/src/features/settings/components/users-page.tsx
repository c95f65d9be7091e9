import { useState, type FormEvent } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable, type Column } from "@/components/ui/data-table";
import { Dialog } from "@/components/ui/dialog";
import { Field, TextInput } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page";
import { ErrorState, InlineError, LoadingState } from "@/components/ui/states";
import { useMe } from "@/lib/api/session";
import { useCreateUser, useResetPassword, useUpdateUser, useUsers } from "@/features/settings/api/users";
import { dateTime } from "@/lib/format";
import { ApiError } from "@/lib/api-client";
import type { User } from "@/types/api";

export default function UsersPage() {
  const users = useUsers();
  const me = useMe();
  const update = useUpdateUser();
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<User | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const myId = me.data?.id;

  function change(user: User, body: { admin?: boolean; disabled?: boolean }, done?: string) {
    setNotice(null);
    update.mutate({ id: user.id, ...body }, { onSuccess: () => setNotice(done ?? null) });
  }

  const columns: Column<User>[] = [
    { id: "username", header: "Username", cell: (u) => u.username, className: "font-medium" },
    // Names are free text: they wrap rather than lose their end.
    { id: "name", header: "Name", wrap: true, cell: (u) => u.displayName },
    { id: "role", header: "Role", width: "9rem", cell: (u) => (u.admin ? <Badge tone="violet">Administrator</Badge> : "User") },
    // Wide enough for a whole date and time ("Dec 2, 2026, 09:58:49"): a cut-off login time says nothing.
    { id: "lastLogin", header: "Last login", width: "11.5rem", cell: (u) => dateTime(u.lastLoginAt) },
    { id: "status", header: "Status", cell: (u) => (u.disabled ? <Badge tone="red">Disabled</Badge> : <Badge tone="green">Active</Badge>) },
    {
      id: "actions",
      header: "Actions",
      hideHeader: true,
      wrap: true,
      width: "22rem",
      cell: (u) => (
        <div className="flex flex-wrap justify-end gap-1">
          <Button
            size="sm"
            variant="ghost"
            onClick={() => {
              setNotice(null);
              update.reset();
              setResetting(u);
            }}
            aria-label={`Reset password for ${u.username}`}
          >
            Reset password
          </Button>
          {u.id !== myId && (
            <>
              <Button
                size="sm"
                variant="ghost"
                onClick={() =>
                  change(
                    u,
                    { admin: !u.admin },
                    u.admin ? `${u.username} is no longer an administrator; their sessions were ended.` : `${u.username} is now an administrator.`,
                  )
                }
                disabled={update.isPending}
                aria-label={`${u.admin ? "Remove administrator" : "Make administrator"}: ${u.username}`}
              >
                {u.admin ? "Remove administrator" : "Make administrator"}
              </Button>
              <Button
                size="sm"
                onClick={() => change(u, { disabled: !u.disabled })}
                disabled={update.isPending}
                aria-label={`${u.disabled ? "Enable" : "Disable"} ${u.username}`}
              >
                {u.disabled ? "Enable" : "Disable"}
              </Button>
            </>
          )}
        </div>
      ),
    },
  ];

  return (
    <div>
      <PageHeader
        title="Users"
        subtitle="People who can log in. Disable an account to end its sessions; history stays readable."
        actions={
          <Button variant="primary" onClick={() => setCreating(true)}>
            New user
          </Button>
        }
      />
      <InlineError error={update.error} />
      {notice && (
        <p role="status" className="mb-3 text-sm text-emerald-700 dark:text-emerald-400">
          {notice}
        </p>
      )}
      {users.isLoading && <LoadingState label="Loading users" />}
      {users.isError && <ErrorState error={users.error} onRetry={() => void users.refetch()} />}
      {users.data && <DataTable label="Users" rows={users.data} columns={columns} rowKey={(u) => u.id} rowHeight={44} minWidth="52rem" />}
      {creating && <NewUserDialog onClose={() => setCreating(false)} />}
      {resetting && (
        <ResetPasswordDialog
          user={resetting}
          onClose={() => setResetting(null)}
          onDone={() => {
            // The server ends the user's sessions, except when you reset your own password.
            setNotice(resetting.id === myId ? "Your password was reset." : `Password for ${resetting.username} was reset; their sessions were ended.`);
            setResetting(null);
          }}
        />
      )}
    </div>
  );
}

function NewUserDialog({ onClose }: { onClose: () => void }) {
  const create = useCreateUser();
  const [username, setUsername] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [password, setPassword] = useState("");
  const [admin, setAdmin] = useState(false);
  const fieldError = (f: string) => (create.error instanceof ApiError ? create.error.fields.find((x) => x.field === f)?.message : undefined);
  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate({ username, password, displayName: displayName || undefined, admin }, { onSuccess: onClose });
  }
  return (
    <Dialog
      title="New user"
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" type="submit" form="new-user" disabled={create.isPending}>
            Create user
          </Button>
        </>
      }
    >
      <form id="new-user" className="space-y-3" onSubmit={submit}>
        <Field label="Username" error={fieldError("username")}>
          {(id) => <TextInput id={id} required value={username} onChange={(e) => setUsername(e.target.value)} data-autofocus />}
        </Field>
        <Field label="Display name">{(id) => <TextInput id={id} value={displayName} onChange={(e) => setDisplayName(e.target.value)} />}</Field>
        <NewPasswordField label="Password" value={password} onChange={setPassword} error={fieldError("password")} />
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={admin} onChange={(e) => setAdmin(e.target.checked)} />
          Platform administrator (users, roles, settings, audit log)
        </label>
        <InlineError error={create.error} />
      </form>
    </Dialog>
  );
}

function ResetPasswordDialog({ user, onClose, onDone }: { user: User; onClose: () => void; onDone: () => void }) {
  const reset = useResetPassword();
  const [password, setPassword] = useState("");
  const passwordError = reset.error instanceof ApiError ? reset.error.fields.find((x) => x.field === "password")?.message : undefined;
  function submit(e: FormEvent) {
    e.preventDefault();
    reset.mutate({ id: user.id, password }, { onSuccess: onDone });
  }
  return (
    <Dialog
      title={`Reset password for ${user.username}`}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" type="submit" form="reset-password" disabled={reset.isPending}>
            {reset.isPending ? "Resetting…" : "Reset password"}
          </Button>
        </>
      }
    >
      <form id="reset-password" className="space-y-3" onSubmit={submit}>
        <NewPasswordField label="New password" value={password} onChange={setPassword} error={passwordError} autoFocus />
        {!passwordError && <InlineError error={reset.error} />}
      </form>
    </Dialog>
  );
}

/** A password being set: the length the server accepts, and no autofill of the current one. */
function NewPasswordField(props: { label: string; value: string; onChange: (value: string) => void; error?: string | null; autoFocus?: boolean }) {
  return (
    <Field label={props.label} hint="8 to 72 characters (fewer with accented letters or symbols)." error={props.error}>
      {(id, d) => (
        <TextInput
          id={id}
          aria-describedby={d}
          type="password"
          autoComplete="new-password"
          required
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
          data-autofocus={props.autoFocus || undefined}
        />
      )}
    </Field>
  );
}
