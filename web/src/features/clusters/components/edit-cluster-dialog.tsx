import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, TextInput } from "@/components/ui/field";
import { InlineError } from "@/components/ui/states";
import { useUpdateCluster, type ClusterChange } from "@/features/clusters/api/clusters";
import { ApiError } from "@/lib/api-client";
import type { ClusterInfo } from "@/types/api";
import { ImpersonateCheckbox, KubeconfigInput } from "./kubeconfig-input";

/** Whether the server lets an administrator edit this cluster here (the simulated demo cluster is left as it is). */
export function canEditCluster(cluster: ClusterInfo) {
  return cluster.source !== "demo";
}

/** What differs from the cluster as it is; an emptied display name falls back to the cluster's name. */
export function clusterChange(cluster: ClusterInfo, form: { displayName: string; impersonate: boolean; kubeconfig: string; context: string }): ClusterChange {
  const change: ClusterChange = {};
  const displayName = form.displayName.trim() || cluster.name;
  if (displayName !== (cluster.displayName || cluster.name)) change.displayName = displayName;
  if (form.impersonate !== cluster.impersonate) change.impersonate = form.impersonate;
  if (form.kubeconfig.trim()) {
    change.kubeconfig = form.kubeconfig;
    if (form.context) change.context = form.context;
  }
  return change;
}

export function EditClusterDialog({ cluster, onClose }: { cluster: ClusterInfo; onClose: () => void }) {
  const [displayName, setDisplayName] = useState(cluster.displayName ?? "");
  const [impersonate, setImpersonate] = useState(cluster.impersonate);
  const [kubeconfig, setKubeconfig] = useState("");
  const [context, setContext] = useState("");
  const update = useUpdateCluster();
  // Only kubeconfig clusters have a kubeconfig to replace; the server refuses one for the others.
  const hasKubeconfig = cluster.source === "kubeconfig";
  const change = clusterChange(cluster, { displayName, impersonate, kubeconfig, context });
  const unchanged = Object.keys(change).length === 0;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (unchanged) return;
    update.mutate({ name: cluster.name, change }, { onSuccess: onClose });
  }

  const fieldError = (field: string) => (update.error instanceof ApiError ? update.error.fields.find((f) => f.field === field)?.message : undefined);

  return (
    <Dialog
      title={`Edit cluster ${cluster.name}`}
      onClose={onClose}
      wide={hasKubeconfig}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" type="submit" form="edit-cluster" disabled={update.isPending || unchanged}>
            {update.isPending ? "Saving…" : "Save changes"}
          </Button>
        </>
      }
    >
      <form id="edit-cluster" onSubmit={submit} className="space-y-3">
        <Field label="Display name" hint="Empty shows the cluster's name." error={fieldError("displayName")}>
          {(id, d) => <TextInput id={id} aria-describedby={d} value={displayName} onChange={(e) => setDisplayName(e.target.value)} data-autofocus />}
        </Field>
        <ImpersonateCheckbox checked={impersonate} onChange={setImpersonate} />
        {hasKubeconfig && (
          <KubeconfigInput
            value={kubeconfig}
            onChange={setKubeconfig}
            context={context}
            onContextChange={setContext}
            error={fieldError("kubeconfig")}
            hint={
              <>
                Leave empty to keep the stored kubeconfig. To replace it, paste or upload the new one
                {cluster.context ? (
                  <>
                    ; without a context read and chosen, the context <code>{cluster.context}</code> is used.
                  </>
                ) : (
                  "."
                )}
              </>
            }
          />
        )}
        <InlineError error={update.error} />
      </form>
    </Dialog>
  );
}
