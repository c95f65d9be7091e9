import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, SelectInput, TextArea, TextInput } from "@/components/ui/field";
import { InlineError } from "@/components/ui/states";
import { useKubeconfigContexts, useRegisterCluster } from "@/features/clusters/api/clusters";
import { ApiError } from "@/lib/api-client";

export function AddClusterDialog({ onClose }: { onClose: () => void }) {
  const [name, setName] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [kubeconfig, setKubeconfig] = useState("");
  const [context, setContext] = useState("");
  const contexts = useKubeconfigContexts();
  const register = useRegisterCluster();

  function readContexts() {
    contexts.mutate(kubeconfig, {
      onSuccess: (list) => setContext(list.find((c) => c.current)?.name ?? list[0]?.name ?? ""),
    });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    register.mutate({ name: name.trim(), displayName: displayName.trim() || undefined, kubeconfig, context: context || undefined }, { onSuccess: onClose });
  }

  const fieldError = (field: string) => (register.error instanceof ApiError ? register.error.fields.find((f) => f.field === field)?.message : undefined);

  return (
    <Dialog
      title="Add a cluster"
      onClose={onClose}
      wide
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" type="submit" form="add-cluster" disabled={register.isPending || !name.trim() || !kubeconfig.trim()}>
            {register.isPending ? "Adding…" : "Add cluster"}
          </Button>
        </>
      }
    >
      <form id="add-cluster" onSubmit={submit} className="space-y-3">
        <div className="grid grid-cols-2 gap-3">
          <Field label="Name" hint="Short and unique, e.g. prod-eu" error={fieldError("name")}>
            {(id, d) => <TextInput id={id} aria-describedby={d} required value={name} onChange={(e) => setName(e.target.value)} data-autofocus />}
          </Field>
          <Field label="Display name" hint="Optional">
            {(id, d) => <TextInput id={id} aria-describedby={d} value={displayName} onChange={(e) => setDisplayName(e.target.value)} />}
          </Field>
        </div>
        <Field label="Kubeconfig" hint="Paste the kubeconfig file. It is stored encrypted and never shown again.">
          {(id, d) => <TextArea id={id} aria-describedby={d} rows={10} required value={kubeconfig} onChange={(e) => setKubeconfig(e.target.value)} spellCheck={false} />}
        </Field>
        <div className="flex items-end gap-3">
          <Button onClick={readContexts} disabled={!kubeconfig.trim() || contexts.isPending}>
            {contexts.isPending ? "Reading…" : "Read contexts"}
          </Button>
          {contexts.data && (
            <Field label="Context" className="flex-1">
              {(id) => (
                <SelectInput id={id} value={context} onChange={(e) => setContext(e.target.value)}>
                  {contexts.data.map((c) => (
                    <option key={c.name} value={c.name}>
                      {c.name}
                      {c.server ? ` — ${c.server}` : ""}
                      {c.current ? " (current)" : ""}
                    </option>
                  ))}
                </SelectInput>
              )}
            </Field>
          )}
        </div>
        <InlineError error={contexts.error} />
        <InlineError error={register.error} />
      </form>
    </Dialog>
  );
}
