import { useDeferredValue, useEffect } from "react";
import { PageHeader } from "@/components/ui/page";
import { TextInput } from "@/components/ui/field";
import { ErrorState, LoadingState } from "@/components/ui/states";
import { useColumnSources } from "@/features/resources/api/columns";
import { useResourceList } from "@/lib/api/kube";
import { pluralKind } from "@/features/resources/kind-groups";
import { selectNamespace, useBrowserStore } from "@/features/resources/stores/browser";
import { useResourceType } from "@/features/resources/use-resource-type";
import { NamespaceSelect } from "./namespace-select";
import { matchesSearch, ResourceTable } from "./resource-table";
import { Badge } from "@/components/ui/badge";
import { usePublishPageContext } from "@/stores/page-context";

export default function ResourceBrowser() {
  const { cluster, plural, type, kinds } = useResourceType();
  const namespace = useBrowserStore(selectNamespace(cluster));
  const search = useBrowserStore((s) => s.search);
  const setSearch = useBrowserStore((s) => s.setSearch);
  const deferredSearch = useDeferredValue(search);
  // The search belongs to the list on screen: another kind or cluster starts unfiltered.
  useEffect(() => setSearch(""), [cluster, plural, setSearch]);
  usePublishPageContext({ cluster, namespace: type?.namespaced ? namespace : undefined, kind: type?.kind });
  const sources = useColumnSources(cluster, type);
  const list = useResourceList(
    { cluster, type: type ?? { group: "", version: "", kind: "", plural }, namespace: type?.namespaced ? namespace : "" },
    { enabled: !!type },
  );

  if (kinds.isLoading) return <LoadingState label="Loading kinds" />;
  if (kinds.isError) return <ErrorState error={kinds.error} onRetry={() => void kinds.refetch()} />;
  if (!type) return <ErrorState title="Unknown kind" error={new Error(`The cluster ${cluster} does not serve ${plural}.`)} />;

  const items = list.data?.items.filter((o) => matchesSearch(o, deferredSearch)) ?? [];

  return (
    <div>
      <PageHeader
        title={pluralKind(type.kind)}
        subtitle={
          <span className="flex items-center gap-2">
            <span className="font-mono text-xs">{type.group ? `${type.group}/${type.version}` : type.version}</span>
            {type.custom && <Badge tone="blue">Custom resource</Badge>}
            {list.data && (
              <span>{items.length === list.data.items.length ? `${items.length} objects` : `${items.length} of ${list.data.items.length} objects`}</span>
            )}
          </span>
        }
        actions={
          <>
            {type.namespaced && <NamespaceSelect cluster={cluster} />}
            <div className="w-64">
              <TextInput
                type="search"
                aria-label="Search by name or label"
                placeholder="Search name or label…"
                value={search}
                onChange={(e) => setSearch(e.target.value)}
              />
            </div>
          </>
        }
      />
      {list.isLoading && <LoadingState label={`Loading ${pluralKind(type.kind).toLowerCase()}`} />}
      {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && <ResourceTable cluster={cluster} type={type} items={items} sources={sources} showNamespace={!namespace} />}
    </div>
  );
}
