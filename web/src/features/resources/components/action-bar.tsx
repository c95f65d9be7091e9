import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog, Dialog } from "@/components/ui/dialog";
import { Field, TextInput } from "@/components/ui/field";
import { InlineError } from "@/components/ui/states";
import { useAccess } from "@/lib/api/access-review";
import { useDelete, useRestart, useScale, type Target } from "@/features/resources/api/changes";
import type { KubeObject, ResourceType } from "@/types/api";

const SCALABLE = ["Deployment", "StatefulSet", "ReplicaSet"];
const RESTARTABLE = ["Deployment", "StatefulSet", "DaemonSet"];

interface Props {
  cluster: string;
  type: ResourceType;
  name: string;
  namespace?: string;
  object?: KubeObject;
  onDeleted: () => void;
}

/** Scale, restart and delete, each offered only when the user's role allows it. */
export function ActionBar({ cluster, type, name, namespace, object, onDeleted }: Props) {
  const target: Target = { cluster, type, namespace, name };
  const apps = type.group === "apps";
  const scalable = apps && SCALABLE.includes(type.kind);
  const restartable = apps && RESTARTABLE.includes(type.kind);
  const check = (verb: string) => ({ verb, cluster, namespace: namespace ?? null, apiGroup: type.group, resource: type.plural });
  const access = useAccess([check("scale"), check("restart"), check("delete")]);
  const [canScale, canRestart, canDelete] = access.allowed;
  const [dialog, setDialog] = useState<"scale" | "restart" | "delete" | null>(null);
  const [done, setDone] = useState("");
  const close = () => setDialog(null);
  const finished = (message: string) => {
    setDialog(null);
    setDone(message);
  };

  return (
    <>
      <span role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
        {done}
      </span>
      {scalable && canScale && <Button onClick={() => setDialog("scale")}>Scale</Button>}
      {restartable && canRestart && <Button onClick={() => setDialog("restart")}>Restart</Button>}
      {canDelete && type.verbs.includes("delete") && (
        <Button variant="danger" onClick={() => setDialog("delete")}>
          Delete
        </Button>
      )}
      {dialog === "scale" && <ScaleDialog target={target} current={Number(object?.spec?.replicas ?? 0)} onClose={close} onDone={finished} />}
      {dialog === "restart" && <RestartDialog target={target} onClose={close} onDone={finished} />}
      {dialog === "delete" && (
        <DeleteDialog
          target={target}
          onClose={close}
          onDeleted={() => {
            close();
            onDeleted();
          }}
        />
      )}
    </>
  );
}

interface DialogProps {
  target: Target;
  onClose: () => void;
  onDone: (message: string) => void;
}

function ScaleDialog({ target, current, onClose, onDone }: DialogProps & { current: number }) {
  const [replicas, setReplicas] = useState(String(current));
  const scale = useScale(target);
  const value = Number(replicas);
  const valid = replicas.trim() !== "" && Number.isInteger(value) && value >= 0 && value <= 1000;
  return (
    <Dialog
      title={`Scale ${target.type.kind} ${target.name}`}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" type="submit" form="scale-form" disabled={!valid || scale.isPending}>
            {scale.isPending ? "Scaling…" : "Scale"}
          </Button>
        </>
      }
    >
      <form
        id="scale-form"
        className="space-y-3"
        onSubmit={(e) => (e.preventDefault(), valid && scale.mutate(value, { onSuccess: () => onDone(`Scaled to ${value} replicas.`) }))}
      >
        <Field label="Replicas" hint={`Currently ${current}. Between 0 and 1000.`} error={!valid ? "Enter a whole number from 0 to 1000." : null}>
          {(id, d) => (
            <TextInput
              id={id}
              aria-describedby={d}
              type="number"
              min={0}
              max={1000}
              value={replicas}
              onChange={(e) => setReplicas(e.target.value)}
              data-autofocus
            />
          )}
        </Field>
        <InlineError error={scale.error} />
      </form>
    </Dialog>
  );
}

function RestartDialog({ target, onClose, onDone }: DialogProps) {
  const restart = useRestart(target);
  return (
    <ConfirmDialog
      title={`Restart ${target.type.kind} ${target.name}?`}
      confirmLabel="Restart"
      pending={restart.isPending}
      onClose={onClose}
      onConfirm={() => restart.mutate(undefined, { onSuccess: () => onDone("Restart started.") })}
    >
      <p className="text-sm">Its pods are replaced one by one, as `kubectl rollout restart` does.</p>
      <InlineError error={restart.error} />
    </ConfirmDialog>
  );
}

function DeleteDialog({ target, onClose, onDeleted }: { target: Target; onClose: () => void; onDeleted: () => void }) {
  const remove = useDelete(target);
  return (
    <ConfirmDialog
      title={`Delete ${target.type.kind} ${target.name}?`}
      confirmLabel="Delete"
      danger
      pending={remove.isPending}
      onClose={onClose}
      onConfirm={() => remove.mutate(undefined, { onSuccess: onDeleted })}
    >
      <p className="text-sm">
        This deletes <strong>{target.name}</strong>
        {target.namespace ? ` in namespace ${target.namespace}` : ""} from cluster {target.cluster}. It cannot be undone.
      </p>
      <InlineError error={remove.error} />
    </ConfirmDialog>
  );
}
