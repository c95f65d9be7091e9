import { useEffect, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { api, apiStream } from "@/lib/api-client";
import { keys } from "@/lib/query-keys";
import { apiVersionOf } from "@/lib/api/kube";
import type { Description, ResourceType } from "@/types/api";

const base = (cluster: string) => `/api/clusters/${encodeURIComponent(cluster)}`;

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
