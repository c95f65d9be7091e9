import type { Column } from "@/components/ui/data-table";
import { Badge } from "@/components/ui/badge";
import { containerStatuses, podStatus, statusTone } from "@/lib/pod-status";
import { age, display } from "@/lib/format";
import { jsonPathValue } from "@/lib/jsonpath";
import type { KubeObject, PluginColumn, ResourceType } from "@/types/api";

/**
 * One small descriptor per Kubernetes kind: the columns its list shows after Name (and
 * Namespace). Kinds without one get CRD printer columns or plugin columns, then just Age.
 */
export type Row = KubeObject;
type Cols = Column<Row>[];

const get = (obj: Row, path: string): unknown => jsonPathValue(obj, path);
const num = (v: unknown): number => (typeof v === "number" ? v : Number(v ?? 0) || 0);

const statusCell = (status: string) => <Badge tone={statusTone(status)}>{status}</Badge>;

const ageColumn: Column<Row> = {
  id: "age",
  header: "Age",
  width: "6rem",
  cell: (o) => age(o.metadata.creationTimestamp),
  sortValue: (o) => -(Date.parse(o.metadata.creationTimestamp ?? "") || 0),
};

function readyOf(o: Row, readyPath: string, totalPath: string): string {
  return `${num(get(o, readyPath))}/${num(get(o, totalPath))}`;
}

const workload = (ready: string, desired: string): Cols => [
  {
    id: "ready",
    header: "Ready",
    width: "6rem",
    cell: (o) => {
      const r = num(get(o, ready));
      const d = num(get(o, desired));
      return <Badge tone={r >= d && d > 0 ? "green" : d === 0 ? "slate" : "amber"}>{`${r}/${d}`}</Badge>;
    },
    sortValue: (o) => num(get(o, ready)) - num(get(o, desired)),
  },
];

const descriptors: Record<string, Cols> = {
  "/Pod": [
    {
      id: "ready",
      header: "Ready",
      width: "5rem",
      cell: (o) => {
        const cs = containerStatuses(o);
        return `${cs.filter((c) => c.ready).length}/${cs.length || (Array.isArray(o.spec?.containers) ? o.spec.containers.length : 0)}`;
      },
    },
    { id: "status", header: "Status", width: "11rem", cell: (o) => statusCell(podStatus(o)), sortValue: podStatus },
    {
      id: "restarts",
      header: "Restarts",
      width: "6rem",
      cell: (o) => containerStatuses(o).reduce((n, c) => n + (c.restartCount ?? 0), 0),
      sortValue: (o) => containerStatuses(o).reduce((n, c) => n + (c.restartCount ?? 0), 0),
    },
    { id: "node", header: "Node", width: "8rem", cell: (o) => display(get(o, ".spec.nodeName")), sortValue: (o) => display(get(o, ".spec.nodeName")) },
    ageColumn,
  ],
  "apps/Deployment": [
    ...workload(".status.readyReplicas", ".spec.replicas"),
    { id: "updated", header: "Up-to-date", width: "7rem", cell: (o) => num(get(o, ".status.updatedReplicas")) },
    { id: "available", header: "Available", width: "7rem", cell: (o) => num(get(o, ".status.availableReplicas")) },
    ageColumn,
  ],
  "apps/StatefulSet": [...workload(".status.readyReplicas", ".spec.replicas"), ageColumn],
  "apps/ReplicaSet": [
    ...workload(".status.readyReplicas", ".spec.replicas"),
    { id: "current", header: "Current", width: "6rem", cell: (o) => num(get(o, ".status.replicas")) },
    ageColumn,
  ],
  "apps/DaemonSet": [
    { id: "desired", header: "Desired", width: "6rem", cell: (o) => num(get(o, ".status.desiredNumberScheduled")) },
    { id: "ready", header: "Ready", width: "6rem", cell: (o) => readyOf(o, ".status.numberReady", ".status.desiredNumberScheduled") },
    ageColumn,
  ],
  "/Service": [
    { id: "type", header: "Type", width: "8rem", cell: (o) => display(get(o, ".spec.type")), sortValue: (o) => display(get(o, ".spec.type")) },
    { id: "clusterIP", header: "Cluster IP", width: "9rem", cell: (o) => display(get(o, ".spec.clusterIP")) },
    {
      id: "ports",
      header: "Ports",
      cell: (o) => {
        const ports = get(o, ".spec.ports");
        return Array.isArray(ports) ? ports.map((p: { port?: number; protocol?: string }) => `${p.port}/${p.protocol ?? "TCP"}`).join(", ") : "—";
      },
    },
    ageColumn,
  ],
  "/Node": [
    {
      id: "status",
      header: "Status",
      width: "8rem",
      cell: (o) => statusCell(get(o, '.status.conditions[?(@.type=="Ready")].status') === "True" ? "Ready" : "NotReady"),
    },
    { id: "roles", header: "Roles", cell: (o) => nodeRoles(o) },
    { id: "version", header: "Version", width: "8rem", cell: (o) => display(get(o, ".status.nodeInfo.kubeletVersion")) },
    ageColumn,
  ],
  "/Namespace": [{ id: "status", header: "Status", width: "8rem", cell: (o) => statusCell(display(get(o, ".status.phase"))) }, ageColumn],
  "/ConfigMap": [{ id: "data", header: "Data", width: "5rem", cell: (o) => Object.keys((o.data as object) ?? {}).length }, ageColumn],
  "/Secret": [
    { id: "type", header: "Type", cell: (o) => display(o.type) },
    { id: "data", header: "Data", width: "5rem", cell: (o) => Object.keys((o.data as object) ?? {}).length },
    ageColumn,
  ],
  "/PersistentVolumeClaim": [
    { id: "status", header: "Status", width: "7rem", cell: (o) => statusCell(display(get(o, ".status.phase"))) },
    { id: "volume", header: "Volume", cell: (o) => display(get(o, ".spec.volumeName")) },
    { id: "capacity", header: "Capacity", width: "6rem", cell: (o) => display(get(o, ".status.capacity.storage")) },
    ageColumn,
  ],
  "batch/Job": [{ id: "completions", header: "Completions", width: "7rem", cell: (o) => readyOf(o, ".status.succeeded", ".spec.completions") }, ageColumn],
  "batch/CronJob": [
    { id: "schedule", header: "Schedule", width: "9rem", cell: (o) => display(get(o, ".spec.schedule")) },
    { id: "suspend", header: "Suspend", width: "6rem", cell: (o) => display(get(o, ".spec.suspend") ?? false) },
    { id: "last", header: "Last schedule", width: "8rem", cell: (o) => age(get(o, ".status.lastScheduleTime") as string | undefined) },
    ageColumn,
  ],
  "networking.k8s.io/Ingress": [
    { id: "class", header: "Class", width: "7rem", cell: (o) => display(get(o, ".spec.ingressClassName")) },
    { id: "hosts", header: "Hosts", cell: (o) => display(get(o, ".spec.rules[*].host")) },
    ageColumn,
  ],
  "/Event": [
    { id: "type", header: "Type", width: "6rem", cell: (o) => statusCell(display(o.type)) },
    { id: "reason", header: "Reason", width: "9rem", cell: (o) => display(o.reason) },
    { id: "object", header: "Object", cell: (o) => `${display(get(o, ".involvedObject.kind"))}/${display(get(o, ".involvedObject.name"))}` },
    { id: "message", header: "Message", cell: (o) => display(o.message) },
  ],
};

function nodeRoles(node: Row): string {
  const roles = Object.keys(node.metadata.labels ?? {})
    .filter((l) => l.startsWith("node-role.kubernetes.io/"))
    .map((l) => l.slice("node-role.kubernetes.io/".length));
  return roles.length ? roles.join(", ") : "<none>";
}

export interface PrinterColumn {
  name: string;
  jsonPath: string;
  type: string;
  priority?: number;
}

/** Columns of a JSONPath column list (CRD printer columns, plugin manifests). */
export function jsonPathColumns(columns: (PrinterColumn | PluginColumn)[]): Cols {
  return columns
    .filter((c) => !("priority" in c) || !c.priority)
    .filter((c) => c.jsonPath !== ".metadata.creationTimestamp")
    .map((c) => ({
      id: `jp:${c.name}`,
      header: c.name,
      cell: (o: Row) => {
        const value = get(o, c.jsonPath);
        if (c.type === "date") return age(value as string | undefined);
        if (c.name.toLowerCase() === "ready" || c.name.toLowerCase() === "status" || c.name.toLowerCase() === "health" || c.name.toLowerCase() === "sync")
          return value === undefined ? "—" : statusCell(display(value));
        return display(value);
      },
      sortValue: (o: Row) => display(get(o, c.jsonPath)),
    }));
}

export interface ColumnSources {
  pluginColumns?: PluginColumn[];
  printerColumns?: PrinterColumn[];
}

/** The columns after Name/Namespace: built-in descriptor, else plugin columns, else CRD printer columns, else Age. */
export function columnsFor(type: Pick<ResourceType, "group" | "kind">, sources: ColumnSources = {}): Cols {
  const builtin = descriptors[`${type.group}/${type.kind}`];
  if (builtin) return builtin;
  if (sources.pluginColumns?.length) return [...jsonPathColumns(sources.pluginColumns), ageColumn];
  if (sources.printerColumns?.length) return [...jsonPathColumns(sources.printerColumns), ageColumn];
  return [ageColumn];
}

export function hasDescriptor(type: Pick<ResourceType, "group" | "kind">): boolean {
  return `${type.group}/${type.kind}` in descriptors;
}
