import type { ResourceType } from "@/types/api";

/** Route addresses. The core API group is written "core" in paths. */
export const groupSegment = (group: string) => (group === "" ? "core" : group);
export const groupFromSegment = (segment: string) => (segment === "core" ? "" : segment);

export const paths = {
  login: "/login",
  clusters: "/clusters",
  cluster: (cluster: string) => `/clusters/${encodeURIComponent(cluster)}`,
  resources: (cluster: string, type: Pick<ResourceType, "group" | "plural">) =>
    `/clusters/${encodeURIComponent(cluster)}/resources/${groupSegment(type.group)}/${type.plural}`,
  resource: (cluster: string, type: Pick<ResourceType, "group" | "plural">, name: string, namespace?: string | null) =>
    `/clusters/${encodeURIComponent(cluster)}/resources/${groupSegment(type.group)}/${type.plural}/${encodeURIComponent(name)}` +
    (namespace ? `?namespace=${encodeURIComponent(namespace)}` : ""),
  settings: "/settings",
  users: "/settings/users",
  roles: "/settings/roles",
  audit: "/settings/audit",
  plugins: "/settings/plugins",
  aiSettings: "/settings/ai",
};
