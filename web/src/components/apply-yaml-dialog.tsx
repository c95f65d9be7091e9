import { useEffect, useState } from "react";
import { ChangePreview } from "@/components/change-preview";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { InlineError, Spinner } from "@/components/ui/states";
import { conflictsOf, useApply } from "@/lib/api/apply";
import type { ChangeResult } from "@/types/api";

interface Props {
  cluster: string;
  namespace?: string;
  yaml: string;
  onClose: () => void;
}

/**
 * Applies a YAML document as the resource pages do: first a server-side dry run shown as a diff,
 * then only on the user's "Apply" the real write. Nothing is written by opening this.
 */
export function ApplyYamlDialog({ cluster, namespace, yaml, onClose }: Props) {
  const apply = useApply(cluster, namespace);
  const [preview, setPreview] = useState<ChangeResult | null>(null);
  const [applied, setApplied] = useState<ChangeResult | null>(null);
  const { mutate } = apply;

  useEffect(() => {
    mutate({ yaml, dryRun: true }, { onSuccess: setPreview });
  }, [mutate, yaml]);

  const nothingToDo = !!preview && preview.changes.every((c) => c.operation === "unchanged");
  return (
    <Dialog
      title={`Apply to cluster ${cluster}`}
      onClose={onClose}
      wide
      footer={
        applied ? (
          <Button variant="primary" onClick={onClose} data-autofocus>
            Close
          </Button>
        ) : (
          <>
            <Button onClick={onClose}>Cancel</Button>
            <Button
              variant="primary"
              disabled={!preview || nothingToDo || apply.isPending}
              onClick={() => apply.mutate({ yaml, dryRun: false, takeOver: conflictsOf(preview) }, { onSuccess: setApplied })}
            >
              {apply.isPending && preview ? "Applying…" : "Apply"}
            </Button>
          </>
        )
      }
    >
      <div className="space-y-3">
        {namespace && <p className="text-sm text-slate-600 dark:text-slate-300">Objects without a namespace go to {namespace}.</p>}
        {!preview && apply.isPending && <Spinner label="Checking with a server-side dry run" />}
        <InlineError error={apply.error} />
        {applied ? (
          <section aria-label="Applied" className="space-y-2">
            <p role="status" className="text-sm font-medium text-emerald-700 dark:text-emerald-400">
              Applied.
            </p>
            <ChangePreview result={applied} />
          </section>
        ) : (
          preview && (
            <section
              aria-label="Dry-run preview"
              className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-3 dark:border-amber-800 dark:bg-amber-950/30"
            >
              <p className="text-sm font-medium">Server-side dry run: this is what would change. Nothing is written until you choose Apply.</p>
              <ChangePreview result={preview} />
            </section>
          )
        )}
      </div>
    </Dialog>
  );
}
