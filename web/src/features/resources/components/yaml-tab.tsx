import { useState } from "react";
import { ChangePreview } from "@/components/change-preview";
import { Button } from "@/components/ui/button";
import { TextArea } from "@/components/ui/field";
import { ErrorState, InlineError, LoadingState } from "@/components/ui/states";
import { useAccess } from "@/lib/api/access-review";
import { conflictsOf, useApply } from "@/lib/api/apply";
import { useYaml } from "@/features/resources/api/resources";
import type { ChangeResult, ResourceType } from "@/types/api";

interface Props {
  cluster: string;
  type: ResourceType;
  name: string;
  namespace?: string;
}

/** The object's YAML; editing applies it server-side, always after a dry run shows the diff. */
export function YamlTab({ cluster, type, name, namespace }: Props) {
  const yaml = useYaml({ cluster, type, name, namespace });
  const access = useAccess([{ verb: "patch", cluster, namespace: namespace ?? null, apiGroup: type.group, resource: type.plural }]);
  const [draft, setDraft] = useState<string | null>(null);
  const [preview, setPreview] = useState<ChangeResult | null>(null);
  const [applied, setApplied] = useState(false);
  const apply = useApply(cluster, namespace);

  if (yaml.isLoading) return <LoadingState label="Loading YAML" />;
  if (yaml.isError) return <ErrorState error={yaml.error} onRetry={() => void yaml.refetch()} />;
  const editing = draft !== null;

  function runPreview() {
    if (draft === null) return;
    apply.mutate({ yaml: draft, dryRun: true }, { onSuccess: setPreview });
  }

  function runApply() {
    if (draft === null) return;
    apply.mutate(
      { yaml: draft, dryRun: false, takeOver: conflictsOf(preview) },
      {
        onSuccess: () => {
          setDraft(null);
          setPreview(null);
          setApplied(true);
          void yaml.refetch();
        },
      },
    );
  }

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        {!editing && access.allowed[0] && (
          <Button
            onClick={() => {
              setDraft(yaml.data ?? "");
              setApplied(false);
            }}
          >
            Edit YAML
          </Button>
        )}
        {editing && (
          <>
            <Button variant="primary" onClick={runPreview} disabled={apply.isPending}>
              {apply.isPending && !preview ? "Checking…" : "Preview changes"}
            </Button>
            <Button
              onClick={() => {
                setDraft(null);
                setPreview(null);
                apply.reset();
              }}
            >
              Cancel
            </Button>
          </>
        )}
        {applied && (
          <p role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
            Applied.
          </p>
        )}
      </div>
      <InlineError error={apply.error} />
      {preview && (
        <section
          aria-label="Dry-run preview"
          className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-3 dark:border-amber-800 dark:bg-amber-950/30"
        >
          <p className="text-sm font-medium">Server-side dry run: this is what would change.</p>
          <ChangePreview result={preview} />
          <div className="flex gap-2">
            <Button variant="primary" onClick={runApply} disabled={apply.isPending || preview.changes.every((c) => c.operation === "unchanged")}>
              {apply.isPending ? "Applying…" : "Apply"}
            </Button>
            <Button onClick={() => setPreview(null)}>Back to editing</Button>
          </div>
        </section>
      )}
      {editing ? (
        <TextArea
          aria-label="YAML editor"
          value={draft}
          onChange={(e) => {
            setDraft(e.target.value);
            setPreview(null);
          }}
          rows={28}
          spellCheck={false}
          readOnly={!!preview}
        />
      ) : (
        <pre
          aria-label="YAML"
          className="max-h-[65vh] overflow-auto rounded-md border border-slate-200 bg-white p-3 font-mono text-xs leading-5 dark:border-slate-800 dark:bg-slate-900"
        >
          {yaml.data}
        </pre>
      )}
    </div>
  );
}
