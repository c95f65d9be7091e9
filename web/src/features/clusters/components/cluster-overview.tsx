import { Link, useParams } from "react-router";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/page";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { useCluster } from "@/features/clusters/api/clusters";
import { useEvents, useResourceList } from "@/lib/api/kube";
import { podStatus, statusTone } from "@/lib/pod-status";
import { age } from "@/lib/format";
import { jsonPathValue } from "@/lib/jsonpath";
import { paths } from "@/lib/paths";
import type { KubeObject } from "@/types/api";
import { ClusterStatus } from "./cluster-status";
import { EventList } from "@/components/event-list";
import { ClusterSearch } from "@/components/cluster-search";
import { AskAiButton } from "@/components/ask-ai-button";
import { usePublishPageContext } from "@/stores/page-context";

const NODE = { group: "", version: "v1", kind: "Node", plural: "nodes" };
const NAMESPACE = { group: "", version: "v1", kind: "Namespace", plural: "namespaces" };
const DEPLOYMENT = { group: "apps", version: "v1", kind: "Deployment", plural: "deployments" };
const POD = { group: "", version: "v1", kind: "Pod", plural: "pods" };

export default function ClusterOverview() {
  const { cluster = "" } = useParams();
  const info = useCluster(cluster);
  usePublishPageContext({ cluster });
  return (
    <div className="space-y-4">
      <PageHeader
        title={cluster}
        actions={
          <>
            <ClusterSearch cluster={cluster} />
            <AskAiButton label="Ask AI about this cluster" question="What needs attention in this cluster?" />
          </>
        }
        subtitle={
          info.data && (
            <span className="flex flex-wrap items-center gap-2">
              <ClusterStatus health={info.data.health} />
              {info.data.health.serverVersion && <span>Kubernetes {info.data.health.serverVersion}</span>}
              {info.data.label && <Badge tone="violet">{info.data.label}</Badge>}
            </span>
          )
        }
      />
      {info.isError && <ErrorState error={info.error} />}
      <div className="grid gap-4 lg:grid-cols-2">
        <WorkloadHealth cluster={cluster} />
        <Nodes cluster={cluster} />
        <Namespaces cluster={cluster} />
        <Card title="Recent warning events">
          <WarningEvents cluster={cluster} />
        </Card>
      </div>
    </div>
  );
}

function Nodes({ cluster }: { cluster: string }) {
  const nodes = useResourceList({ cluster, type: NODE });
  return (
    <Card title={`Nodes${nodes.data ? ` (${nodes.data.items.length})` : ""}`}>
      {nodes.isLoading && <LoadingState label="Loading nodes" />}
      {nodes.isError && <ErrorState error={nodes.error} />}
      {nodes.data?.items.length === 0 && <EmptyState title="No nodes" />}
      <ul className="divide-y divide-slate-100 text-sm dark:divide-slate-800">
        {nodes.data?.items.map((n) => {
          const ready = jsonPathValue(n, '.status.conditions[?(@.type=="Ready")].status') === "True";
          return (
            <li key={n.metadata.name} className="flex items-center justify-between py-1.5">
              <Link to={paths.resource(cluster, NODE, n.metadata.name)} className="text-teal-800 hover:underline dark:text-teal-300">
                {n.metadata.name}
              </Link>
              <span className="flex items-center gap-2 text-slate-500 dark:text-slate-400">
                {String(jsonPathValue(n, ".status.nodeInfo.kubeletVersion") ?? "")}
                <Badge tone={ready ? "green" : "red"}>{ready ? "Ready" : "NotReady"}</Badge>
              </span>
            </li>
          );
        })}
      </ul>
    </Card>
  );
}

function Namespaces({ cluster }: { cluster: string }) {
  const namespaces = useResourceList({ cluster, type: NAMESPACE });
  return (
    <Card title={`Namespaces${namespaces.data ? ` (${namespaces.data.items.length})` : ""}`}>
      {namespaces.isLoading && <LoadingState label="Loading namespaces" />}
      {namespaces.isError && <ErrorState error={namespaces.error} />}
      <ul className="flex flex-wrap gap-2">
        {namespaces.data?.items.map((ns) => (
          <li key={ns.metadata.name}>
            <Link
              to={paths.resource(cluster, NAMESPACE, ns.metadata.name)}
              className="inline-block rounded-md border border-slate-200 px-2 py-0.5 text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
            >
              {ns.metadata.name}
            </Link>
          </li>
        ))}
      </ul>
    </Card>
  );
}

function deploymentHealthy(d: KubeObject): boolean {
  const desired = Number(jsonPathValue(d, ".spec.replicas") ?? 1);
  const ready = Number(jsonPathValue(d, ".status.readyReplicas") ?? 0);
  return ready >= desired;
}

function WorkloadHealth({ cluster }: { cluster: string }) {
  const deployments = useResourceList({ cluster, type: DEPLOYMENT });
  const pods = useResourceList({ cluster, type: POD });
  const unhealthy = deployments.data?.items.filter((d) => !deploymentHealthy(d)) ?? [];
  const badPods = pods.data?.items.filter((p) => !["Running", "Succeeded", "Completed"].includes(podStatus(p))) ?? [];
  return (
    <Card title="Workload health">
      {(deployments.isLoading || pods.isLoading) && <LoadingState label="Loading workloads" />}
      {deployments.isError && <ErrorState error={deployments.error} />}
      {deployments.data && pods.data && (
        <div className="space-y-3 text-sm">
          <div className="flex gap-6">
            <Stat
              label="Deployments healthy"
              value={`${deployments.data.items.length - unhealthy.length}/${deployments.data.items.length}`}
              ok={unhealthy.length === 0}
            />
            <Stat label="Pods running" value={`${pods.data.items.length - badPods.length}/${pods.data.items.length}`} ok={badPods.length === 0} />
          </div>
          {badPods.length > 0 && (
            <ul aria-label="Pods needing attention" className="divide-y divide-slate-100 dark:divide-slate-800">
              {badPods.map((p) => (
                <li key={`${p.metadata.namespace}/${p.metadata.name}`} className="flex items-center justify-between gap-2 py-1.5">
                  <Link
                    to={paths.resource(cluster, POD, p.metadata.name, p.metadata.namespace)}
                    className="truncate text-teal-800 hover:underline dark:text-teal-300"
                  >
                    {p.metadata.namespace}/{p.metadata.name}
                  </Link>
                  <span className="flex shrink-0 items-center gap-2">
                    <span className="text-slate-500">{age(p.metadata.creationTimestamp)}</span>
                    <Badge tone={statusTone(podStatus(p))}>{podStatus(p)}</Badge>
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </Card>
  );
}

function Stat({ label, value, ok }: { label: string; value: string; ok: boolean }) {
  return (
    <div>
      <p className={ok ? "text-2xl font-semibold text-emerald-700 dark:text-emerald-400" : "text-2xl font-semibold text-amber-700 dark:text-amber-400"}>
        {value}
      </p>
      <p className="text-xs text-slate-500 dark:text-slate-400">{label}</p>
    </div>
  );
}

function WarningEvents({ cluster }: { cluster: string }) {
  const events = useEvents(cluster, { warnings: true, limit: 20 });
  if (events.isLoading) return <LoadingState label="Loading events" />;
  if (events.isError) return <ErrorState error={events.error} />;
  if (!events.data?.length) return <EmptyState title="No warnings">Nothing has gone wrong recently.</EmptyState>;
  return <EventList events={events.data} showObject cluster={cluster} />;
}
