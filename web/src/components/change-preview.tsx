import { DiffView } from "@/components/ui/diff-view";
import type { ChangeResult } from "@/types/api";

/**
 * What a change does, object by object, from the server's `ChangeResult`: the operation and its
 * diff; for a delete, what goes. The resource pages' apply preview and the assistant's
 * confirmations show changes through this.
 */
export function ChangePreview({ result }: { result: ChangeResult }) {
  if (result.changes.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-300">Nothing would change.</p>;
  const deleted = result.changes.filter((c) => c.operation === "deleted" || c.operation === "delete");
  return (
    <div className="space-y-2">
      {deleted.length > 0 && (
        <div>
          <p className="text-sm font-medium">These objects would be deleted:</p>
          <ul aria-label="Objects to delete" className="ml-5 list-disc text-sm">
            {deleted.map((c) => (
              <li key={`${c.kind}/${c.namespace}/${c.name}`}>
                {c.kind} {c.namespace ? `${c.namespace}/` : ""}
                {c.name}
              </li>
            ))}
          </ul>
        </div>
      )}
      {result.changes
        .filter((c) => !deleted.includes(c))
        .map((c) => (
          <div key={`${c.kind}/${c.namespace}/${c.name}`} className="space-y-1">
            <p className="text-sm">
              {c.kind} {c.namespace ? `${c.namespace}/` : ""}
              {c.name}: <strong>{c.operation}</strong>
            </p>
            {(c.conflicts ?? []).length > 0 && (
              <div
                role="note"
                aria-label={`Fields taken over in ${c.name}`}
                className="rounded border border-amber-400 bg-amber-50 px-2 py-1 text-sm text-amber-900 dark:border-amber-600 dark:bg-amber-950 dark:text-amber-100"
              >
                {(c.conflicts ?? []).map((f) => (
                  <p key={`${f.manager}/${f.field}`}>
                    Takes over {f.field} from manager &apos;{f.manager}&apos;, which will no longer own it (it may change it back).
                  </p>
                ))}
              </div>
            )}
            <DiffView diff={c.diff} label={`Diff of ${c.name}`} />
          </div>
        ))}
    </div>
  );
}
