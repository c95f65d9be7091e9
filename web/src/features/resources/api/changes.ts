import { useMutation } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { useInvalidateCluster } from "@/lib/api/kube";
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
