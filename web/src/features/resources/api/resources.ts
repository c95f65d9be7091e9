import { useEffect, useState } from "react";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { api, apiStream } from "@/lib/api-client";
import { keys } from "@/lib/query-keys";
import type { Description, EventSummary, ListResult, ResourceType, SearchHit } from "@/types/api";

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

export interface ObjectParams {
  cluster: string;
  type: Pick<ResourceType, "group" | "version" | "kind" | "plural">;
  namespace?: string;
  name: string;
}

export function useDescribe({ cluster, type, namespace = "", name }: ObjectParams) {
  return useQuery({
    queryKey: keys.object(cluster, apiVersionOf(type), type.kind, namespace, name),
    queryFn: () =>
      api<Description>(`${base(cluster)}/resources/${type.plural}/${encodeURIComponent(name)}/describe`, {
        query: { group: type.group, namespace },
      }),
    refetchInterval: 15_000,
  });
}

export function fetchYaml({ cluster, type, namespace, name }: ObjectParams): Promise<string> {
  return api<string>(`${base(cluster)}/resources/${type.plural}/${encodeURIComponent(name)}`, {
    query: { group: type.group, namespace, format: "yaml" },
    text: true,
  });
}

export function useYaml(params: ObjectParams) {
  const { cluster, type, namespace = "", name } = params;
  return useQuery({
    queryKey: keys.yaml(cluster, apiVersionOf(type), type.kind, namespace, name),
    queryFn: () => fetchYaml(params),
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

export interface LogParams {
  cluster: string;
  namespace: string;
  pod: string;
  container?: string;
  tailLines?: number;
  previous?: boolean;
}

function logsPath(cluster: string, namespace: string, pod: string) {
  return `${base(cluster)}/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/logs`;
}

export function useLogs({ cluster, namespace, pod, container = "", tailLines = 500, previous = false }: LogParams, enabled = true) {
  return useQuery({
    queryKey: keys.logs(cluster, namespace, pod, { container, tailLines: String(tailLines), previous: String(previous) }),
    queryFn: () => api<string>(logsPath(cluster, namespace, pod), { query: { container, tailLines, previous: previous || undefined }, text: true }),
    enabled,
  });
}

/** Lines kept while following; older ones scroll away, as in a terminal. */
export const MAX_FOLLOWED_LINES = 10_000;

export type LogFollowState = { status: "connecting" | "streaming" | "ended"; text: string; error: null } | { status: "failed"; text: string; error: unknown };

/** Keeps the last `max` lines of `text` (a trailing newline does not count as a line). */
export function lastLines(text: string, max: number): string {
  const lines = text.split("\n");
  const complete = text.endsWith("\n") ? lines.length - 1 : lines.length;
  return complete <= max ? text : lines.slice(complete - max).join("\n");
}

/** Follows a pod's logs (`kubectl logs -f`) while `enabled`: the last lines, then each new one as it is written. */
export function useLogFollow({ cluster, namespace, pod, container = "", tailLines = 500 }: LogParams, enabled: boolean, attempt = 0): LogFollowState {
  const [state, setState] = useState<LogFollowState>({ status: "connecting", text: "", error: null });
  useEffect(() => {
    if (!enabled) return;
    const abort = new AbortController();
    let text = "";
    setState({ status: "connecting", text, error: null });
    apiStream(logsPath(cluster, namespace, pod), {
      query: { container, tailLines, follow: true },
      signal: abort.signal,
      onText: (piece) => {
        text = lastLines(text + piece, MAX_FOLLOWED_LINES);
        setState({ status: "streaming", text, error: null });
      },
    }).then(
      () => setState({ status: "ended", text, error: null }),
      (error: unknown) => {
        if (!abort.signal.aborted) setState({ status: "failed", text, error });
      },
    );
    return () => abort.abort();
  }, [cluster, namespace, pod, container, tailLines, enabled, attempt]);
  return state;
}

export function useSearch(cluster: string, q: string) {
  return useQuery({
    queryKey: ["k8s", cluster, "search", "", "", { q }],
    queryFn: () => api<SearchHit[]>(`${base(cluster)}/search`, { query: { q, limit: 50 } }),
    enabled: q.trim().length >= 2,
  });
}
