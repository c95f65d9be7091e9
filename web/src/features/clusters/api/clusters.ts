import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { keys } from "@/lib/query-keys";
import type { ClusterInfo, KubeconfigContext } from "@/types/api";

export const clustersQuery = queryOptions({
  queryKey: keys.clusters,
  queryFn: () => api<ClusterInfo[]>("/api/clusters"),
  refetchInterval: 30_000,
});

export function useClusters() {
  return useQuery(clustersQuery);
}

export function useCluster(name: string) {
  return useQuery({
    queryKey: keys.cluster(name),
    queryFn: () => api<ClusterInfo>(`/api/clusters/${encodeURIComponent(name)}`),
  });
}

export interface RegisterCluster {
  name: string;
  displayName?: string;
  kubeconfig: string;
  context?: string;
  impersonate?: boolean;
}

export function useRegisterCluster() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: RegisterCluster) => api<ClusterInfo>("/api/clusters", { method: "POST", body }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.clusters }),
  });
}

/** The fields of a cluster to change; absent ones stay as they are. */
export interface ClusterChange {
  displayName?: string;
  kubeconfig?: string;
  context?: string;
  impersonate?: boolean;
}

export function useUpdateCluster() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ name, change }: { name: string; change: ClusterChange }) =>
      api<ClusterInfo>(`/api/clusters/${encodeURIComponent(name)}`, { method: "PATCH", body: change }),
    // The server rebuilds the cluster's client, so reads made through the old one are stale.
    onSuccess: (_, { name }) => Promise.all([client.invalidateQueries({ queryKey: keys.clusters }), client.invalidateQueries({ queryKey: ["k8s", name] })]),
  });
}

export function useRemoveCluster() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api<void>(`/api/clusters/${encodeURIComponent(name)}`, { method: "DELETE" }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.clusters }),
  });
}

export function useKubeconfigContexts() {
  return useMutation({
    mutationFn: (kubeconfig: string) => api<KubeconfigContext[]>("/api/clusters/kubeconfig-contexts", { method: "POST", body: { kubeconfig } }),
  });
}

export function useHealthCheck() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api<ClusterInfo>(`/api/clusters/${encodeURIComponent(name)}/health-check`, { method: "POST" }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.clusters }),
  });
}
