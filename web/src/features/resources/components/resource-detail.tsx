import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page";
import { Tabs } from "@/components/ui/tabs";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { useDescribe } from "@/features/resources/api/resources";
import { pluralKind } from "@/features/resources/kind-groups";
import { useResourceType } from "@/features/resources/use-resource-type";
import { paths } from "@/lib/paths";
import { useParams } from "react-router";
import { ActionBar } from "./action-bar";
import { EventList } from "@/components/event-list";
import { AskAiButton } from "@/components/ask-ai-button";
import { podStatus } from "@/lib/pod-status";
import { usePublishPageContext } from "@/stores/page-context";
import type { KubeObject } from "@/types/api";
import { PodLogs } from "./pod-logs";
import { Summary } from "./summary";
import { YamlTab } from "./yaml-tab";

export default function ResourceDetail() {
  const { name = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const namespace = params.get("namespace") ?? undefined;
  const { cluster, type, kinds } = useResourceType();
  const tab = params.get("tab") ?? "summary";
  const setTab = (id: string) =>
    setParams(
      (p) => {
        p.set("tab", id);
        return p;
      },
      { replace: true },
    );

  if (kinds.isLoading) return <LoadingState />;
  if (!type) return <ErrorState title="Unknown kind" error={kinds.error ?? new Error("This cluster does not serve this kind.")} />;
  return <Detail cluster={cluster} type={type} name={name} namespace={namespace} tab={tab} setTab={setTab} />;
}

interface DetailProps {
  cluster: string;
  type: NonNullable<ReturnType<typeof useResourceType>["type"]>;
  name: string;
  namespace?: string;
  tab: string;
  setTab: (id: string) => void;
}

function Detail({ cluster, type, name, namespace, tab, setTab }: DetailProps) {
  const description = useDescribe({ cluster, type, namespace, name });
  const [deleted, setDeleted] = useState(false);
  usePublishPageContext({ cluster, namespace, kind: type.kind, name });
  const isPod = type.group === "" && type.kind === "Pod";
  const tabs = [
    { id: "summary", label: "Summary" },
    { id: "yaml", label: "YAML" },
    { id: "events", label: `Events${description.data ? ` (${description.data.events.length})` : ""}` },
    ...(isPod ? [{ id: "logs", label: "Logs" }] : []),
  ];

  if (deleted) {
    return (
      <EmptyState title={`${type.kind} ${name} was deleted`}>
        <Link className="text-teal-700 underline" to={paths.resources(cluster, type)}>
          Back to {pluralKind(type.kind)}
        </Link>
      </EmptyState>
    );
  }

  return (
    <div>
      <nav aria-label="Breadcrumb" className="mb-1 text-sm text-slate-500 dark:text-slate-400">
        <Link to={paths.cluster(cluster)} className="hover:underline">
          {cluster}
        </Link>
        {" / "}
        <Link to={paths.resources(cluster, type)} className="hover:underline">
          {pluralKind(type.kind)}
        </Link>
        {namespace && ` / ${namespace}`}
      </nav>
      <PageHeader
        title={name}
        subtitle={
          <span className="flex items-center gap-2">
            <Badge tone="blue">{type.kind}</Badge>
            {namespace && <span>in {namespace}</span>}
          </span>
        }
        actions={
          <>
            <AskAiButton label="Ask AI about this resource" question={suggestedQuestion(type.kind, description.data?.object)} />
            <ActionBar cluster={cluster} type={type} name={name} namespace={namespace} object={description.data?.object} onDeleted={() => setDeleted(true)} />
          </>
        }
      />
      {description.isLoading && <LoadingState label={`Loading ${type.kind}`} />}
      {description.isError && <ErrorState error={description.error} onRetry={() => void description.refetch()} />}
      {description.data && (
        <Tabs label={`${type.kind} details`} tabs={tabs} active={tab} onChange={setTab}>
          {tab === "summary" && <Summary cluster={cluster} description={description.data} />}
          {tab === "yaml" && <YamlTab cluster={cluster} type={type} name={name} namespace={namespace} />}
          {tab === "events" &&
            (description.data.events.length ? (
              <EventList events={description.data.events} />
            ) : (
              <EmptyState title="No events">Nothing has happened to this object recently.</EmptyState>
            ))}
          {tab === "logs" && isPod && <PodLogs cluster={cluster} pod={description.data.object} />}
        </Tabs>
      )}
    </div>
  );
}

/** The question "Ask AI" suggests: why it fails when it looks unhealthy, else a general one. */
export function suggestedQuestion(kind: string, object: KubeObject | undefined): string {
  if (kind === "Pod" && object && !["Running", "Succeeded", "Completed"].includes(podStatus(object))) return "Why is this pod failing?";
  if (kind === "Pod" && object) {
    const statuses = (object.status?.containerStatuses as { ready?: boolean }[] | undefined) ?? [];
    if (statuses.some((c) => c.ready === false)) return "Why is this pod failing?";
  }
  if (object && ["Deployment", "StatefulSet"].includes(kind)) {
    const desired = Number(object.spec?.replicas ?? 1);
    const ready = Number(object.status?.readyReplicas ?? 0);
    if (ready < desired) return `Why is this ${kind.toLowerCase()} not ready?`;
  }
  return `Explain this ${kind} and anything that needs attention.`;
}
