import { queryOptions, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { keys } from "@/lib/query-keys";
import type { EventSummary, ListResult, ResourceType, SearchHit } from "@/types/api";

/** Reads of a cluster that several features show (kinds, lists, events, search). */
const base = (cluster: string) => `/api/clusters/${encodeURIComponent(cluster)}`;

export function apiVersionOf(type: Pick<ResourceType, "group" | "version">): string {
  return type.group ? `${type.group}/${type.version}` : type.version;
}

export const kindsQuery = (cluster: string) =>
  queryOptions({
    queryKey: keys.kinds(cluster),
    queryFn: () => api<ResourceType[]>(`${base(cluster)}/kinds`),
    staleTime: 5 * 60_000,
  });

export function useKinds(cluster: string) {
  return useQuery(kindsQuery(cluster));
}

export interface ListParams {
  cluster: string;
  type: Pick<ResourceType, "group" | "version" | "kind" | "plural">;
  namespace?: string;
  labelSelector?: string;
}

export function listResources({ cluster, type, namespace, labelSelector }: ListParams): Promise<ListResult> {
  return api<ListResult>(`${base(cluster)}/resources/${type.plural}`, {
    query: { group: type.group, namespace, labelSelector, limit: 5000 },
  });
}

export function useResourceList(params: ListParams, options: { enabled?: boolean; refetchInterval?: number } = {}) {
  const { cluster, type, namespace = "", labelSelector = "" } = params;
  return useQuery({
    queryKey: keys.list(cluster, apiVersionOf(type), type.kind, namespace, labelSelector ? { labelSelector } : {}),
    queryFn: () => listResources(params),
    enabled: options.enabled ?? true,
    refetchInterval: options.refetchInterval ?? 15_000,
  });
}

export function useEvents(cluster: string, params: { namespace?: string; warnings?: boolean; limit?: number }) {
  const q: Record<string, string> = {};
  if (params.namespace) q.namespace = params.namespace;
  if (params.warnings) q.warnings = "true";
  q.limit = String(params.limit ?? 200);
  return useQuery({
    queryKey: keys.events(cluster, q),
    queryFn: () => api<EventSummary[]>(`${base(cluster)}/events`, { query: q }),
    refetchInterval: 20_000,
  });
}

export function useSearch(cluster: string, q: string) {
  return useQuery({
    queryKey: ["k8s", cluster, "search", "", "", { q }],
    queryFn: () => api<SearchHit[]>(`${base(cluster)}/search`, { query: { q, limit: 50 } }),
    enabled: q.trim().length >= 2,
  });
}

/** After a change, everything read from that cluster may be stale. */
export function useInvalidateCluster() {
  const client = useQueryClient();
  return (cluster: string) => client.invalidateQueries({ queryKey: ["k8s", cluster] });
}
