/** Query keys in one place; Kubernetes reads follow ['k8s', cluster, apiVersion, kind, namespace, params]. */
export const keys = {
  me: ["me"] as const,
  clusters: ["clusters"] as const,
  cluster: (name: string) => ["clusters", name] as const,
  kinds: (cluster: string) => ["k8s", cluster, "kinds"] as const,
  list: (cluster: string, apiVersion: string, kind: string, namespace: string, params: Record<string, string> = {}) =>
    ["k8s", cluster, apiVersion, kind, namespace, params] as const,
  object: (cluster: string, apiVersion: string, kind: string, namespace: string, name: string) =>
    ["k8s", cluster, apiVersion, kind, namespace, { name }] as const,
  yaml: (cluster: string, apiVersion: string, kind: string, namespace: string, name: string) =>
    ["k8s", cluster, apiVersion, kind, namespace, { name, format: "yaml" }] as const,
  events: (cluster: string, params: Record<string, string>) => ["k8s", cluster, "v1", "Event", params.namespace ?? "", params] as const,
  logs: (cluster: string, namespace: string, pod: string, params: Record<string, string>) =>
    ["k8s", cluster, "v1", "Pod", namespace, { name: pod, logs: true, ...params }] as const,
  access: (checks: unknown) => ["access-review", checks] as const,
  users: ["users"] as const,
  roles: ["rbac", "roles"] as const,
  bindings: ["rbac", "bindings"] as const,
  audit: (filters: Record<string, string>) => ["audit", filters] as const,
  plugins: ["plugins"] as const,
};
