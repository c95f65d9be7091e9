import { useMutation } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { useInvalidateCluster } from "@/lib/api/kube";
import type { ChangeResult, Conflict } from "@/types/api";

/**
 * Server-side apply of a YAML document (one or more objects). `dryRun` first shows what would change;
 * the resource pages' YAML editor and the assistant's code blocks both go through it.
 */
export function apply(cluster: string, yaml: string, namespace: string | undefined, dryRun: boolean, takeOver: Conflict[] = []) {
  return api<ChangeResult>(`/api/clusters/${encodeURIComponent(cluster)}/apply`, { method: "POST", body: { yaml, namespace, dryRun, takeOver } });
}

/** What the preview showed being taken from other managers: the real apply may take exactly that. */
export function conflictsOf(preview: ChangeResult | null): Conflict[] {
  return preview ? preview.changes.flatMap((c) => c.conflicts ?? []) : [];
}

export function useApply(cluster: string, namespace: string | undefined) {
  const invalidate = useInvalidateCluster();
  return useMutation({
    mutationFn: ({ yaml, dryRun, takeOver }: { yaml: string; dryRun: boolean; takeOver?: Conflict[] }) => apply(cluster, yaml, namespace, dryRun, takeOver),
    onSuccess: (result) => {
      if (!result.dryRun) void invalidate(cluster);
    },
  });
}
