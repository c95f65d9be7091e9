import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { ChangeResult, ResourceType } from "@/types/api";

const base = (cluster: string) => `/api/clusters/${encodeURIComponent(cluster)}`;

export interface Target {
  cluster: string;
  type: Pick<ResourceType, "group" | "kind" | "plural">;
  namespace?: string;
  name: string;
}

export function scale(target: Target, replicas: number, dryRun = false) {
  return api<ChangeResult>(`${base(target.cluster)}/resources/${target.type.plural}/${encodeURIComponent(target.name)}/scale`, {
    method: "POST",
    body: { replicas, namespace: target.namespace, dryRun },
  });
}

export function restart(target: Target, dryRun = false) {
  return api<ChangeResult>(`${base(target.cluster)}/resources/${target.type.plural}/${encodeURIComponent(target.name)}/restart`, {
    method: "POST",
    body: { namespace: target.namespace, dryRun },
  });
}

export function remove(target: Target, dryRun = false) {
  return api<ChangeResult>(`${base(target.cluster)}/resources/${target.type.plural}/${encodeURIComponent(target.name)}`, {
    method: "DELETE",
    query: { group: target.type.group, namespace: target.namespace, dryRun: dryRun || undefined },
  });
}

export function apply(cluster: string, yaml: string, namespace: string | undefined, dryRun: boolean) {
  return api<ChangeResult>(`${base(cluster)}/apply`, { method: "POST", body: { yaml, namespace, dryRun } });
}

/** After a change, everything read from that cluster may be stale. */
function useInvalidateCluster() {
  const client = useQueryClient();
  return (cluster: string) => client.invalidateQueries({ queryKey: ["k8s", cluster] });
}

export function useScale(target: Target) {
  const invalidate = useInvalidateCluster();
  return useMutation({ mutationFn: (replicas: number) => scale(target, replicas), onSuccess: () => invalidate(target.cluster) });
}

export function useRestart(target: Target) {
  const invalidate = useInvalidateCluster();
  return useMutation({ mutationFn: () => restart(target), onSuccess: () => invalidate(target.cluster) });
}

export function useDelete(target: Target) {
  const invalidate = useInvalidateCluster();
  return useMutation({ mutationFn: () => remove(target), onSuccess: () => invalidate(target.cluster) });
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
