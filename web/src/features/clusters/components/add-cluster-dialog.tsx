import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, TextInput } from "@/components/ui/field";
import { InlineError } from "@/components/ui/states";
import { useRegisterCluster } from "@/features/clusters/api/clusters";
import { ApiError } from "@/lib/api-client";
import { ImpersonateCheckbox, KubeconfigInput } from "./kubeconfig-input";

export function AddClusterDialog({ onClose }: { onClose: () => void }) {
  const [name, setName] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [kubeconfig, setKubeconfig] = useState("");
  const [context, setContext] = useState("");
  // Untouched: the server asks the cluster whether the kubeconfig's identity may impersonate.
  const [impersonate, setImpersonate] = useState<boolean | undefined>(undefined);
  const register = useRegisterCluster();

  function submit(event: FormEvent) {
    event.preventDefault();
    register.mutate(
      { name: name.trim(), displayName: displayName.trim() || undefined, kubeconfig, context: context || undefined, impersonate },
      { onSuccess: onClose },
    );
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
          <Field label="Display name" hint="Optional" error={fieldError("displayName")}>
            {(id, d) => <TextInput id={id} aria-describedby={d} value={displayName} onChange={(e) => setDisplayName(e.target.value)} />}
          </Field>
        </div>
        <KubeconfigInput
          value={kubeconfig}
          onChange={setKubeconfig}
          context={context}
          onContextChange={setContext}
          required
          error={fieldError("kubeconfig")}
          hint="Paste the kubeconfig or upload the file. It is stored encrypted and never shown again."
        />
        <ImpersonateCheckbox checked={impersonate ?? false} onChange={setImpersonate} automatic={impersonate === undefined} />
        <InlineError error={register.error} />
      </form>
    </Dialog>
  );
}
