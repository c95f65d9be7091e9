import type { ResourceType } from "@/types/api";

export interface KindGroup {
  title: string;
  kinds: ResourceType[];
}

const sections: { title: string; kinds: string[] }[] = [
  {
    title: "Workloads",
    kinds: [
      "/Pod",
      "apps/Deployment",
      "apps/StatefulSet",
      "apps/DaemonSet",
      "apps/ReplicaSet",
      "batch/Job",
      "batch/CronJob",
      "autoscaling/HorizontalPodAutoscaler",
    ],
  },
  { title: "Network", kinds: ["/Service", "networking.k8s.io/Ingress", "networking.k8s.io/NetworkPolicy", "/Endpoints"] },
  { title: "Config & storage", kinds: ["/ConfigMap", "/Secret", "/PersistentVolumeClaim", "/PersistentVolume", "/ServiceAccount"] },
  { title: "Cluster", kinds: ["/Node", "/Namespace", "/Event", "apiextensions.k8s.io/CustomResourceDefinition"] },
];

/** Metrics are shown on pages, not browsed as a kind. */
const hidden = new Set(["metrics.k8s.io"]);

/** Kinds from discovery, grouped the way people look for them; custom resources by API group. */
export function groupKinds(types: ResourceType[]): KindGroup[] {
  const byKey = new Map(types.map((t) => [`${t.group}/${t.kind}`, t]));
  const used = new Set<string>();
  const groups: KindGroup[] = [];
  for (const section of sections) {
    const kinds = section.kinds.flatMap((key) => {
      const t = byKey.get(key);
      if (!t) return [];
      used.add(key);
      return [t];
    });
    if (kinds.length) groups.push({ title: section.title, kinds });
  }
  const custom = new Map<string, ResourceType[]>();
  const other: ResourceType[] = [];
  for (const t of types) {
    const key = `${t.group}/${t.kind}`;
    if (used.has(key) || hidden.has(t.group)) continue;
    if (t.custom) custom.set(t.group, [...(custom.get(t.group) ?? []), t]);
    else other.push(t);
  }
  for (const [group, kinds] of [...custom.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    groups.push({ title: group, kinds: kinds.sort((a, b) => a.kind.localeCompare(b.kind)) });
  }
  if (other.length) groups.push({ title: "Other", kinds: other.sort((a, b) => a.kind.localeCompare(b.kind)) });
  return groups;
}

/** Plural kind names for headings: "Deployments", "Ingresses", "NetworkPolicies". */
export function pluralKind(kind: string): string {
  if (kind === "Endpoints") return kind;
  if (kind.endsWith("y") && !/[aeiou]y$/.test(kind)) return `${kind.slice(0, -1)}ies`;
  if (/(s|x|ch|sh)$/.test(kind)) return `${kind}es`;
  return `${kind}s`;
}
