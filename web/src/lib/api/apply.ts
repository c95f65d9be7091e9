import { useMutation } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { useInvalidateCluster } from "@/lib/api/kube";
import type { ChangeResult } from "@/types/api";

/**
 * Server-side apply of a YAML document (one or more objects). `dryRun` first shows what would change;
 * the resource pages' YAML editor and the assistant's code blocks both go through it.
 */
export function apply(cluster: string, yaml: string, namespace: string | undefined, dryRun: boolean) {
  return api<ChangeResult>(`/api/clusters/${encodeURIComponent(cluster)}/apply`, { method: "POST", body: { yaml, namespace, dryRun } });
}

export function useApply(cluster: string, namespace: string | undefined) {
  const invalidate = useInvalidateCluster();
  return useMutation({
    mutationFn: ({ yaml, dryRun }: { yaml: string; dryRun: boolean }) => apply(cluster, yaml, namespace, dryRun),
    onSuccess: (result) => {
      if (!result.dryRun) void invalidate(cluster);
    },
  });
}
