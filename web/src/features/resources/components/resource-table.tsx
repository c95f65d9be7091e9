import { useMemo } from "react";
import { useNavigate } from "react-router";
import { FastLink } from "@/components/ui/fast-link";
import { DataTable, type Column } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/states";
import { columnsFor, type ColumnSources, type Row } from "@/features/resources/descriptors";
import { paths } from "@/lib/paths";
import type { KubeObject, ResourceType } from "@/types/api";

interface Props {
  cluster: string;
  type: ResourceType;
  items: KubeObject[];
  sources?: ColumnSources;
  showNamespace: boolean;
  height?: string;
}

/** Matches a name, namespace or label (key=value, or just the value) against the search text. */
export function matchesSearch(object: KubeObject, search: string): boolean {
  const q = search.trim().toLowerCase();
  if (!q) return true;
  if (object.metadata.name.toLowerCase().includes(q)) return true;
  if (object.metadata.namespace?.toLowerCase().includes(q)) return true;
  return Object.entries(object.metadata.labels ?? {}).some(([k, v]) => `${k}=${v}`.toLowerCase().includes(q));
}

export function ResourceTable({ cluster, type, items, sources, showNamespace, height }: Props) {
  const navigate = useNavigate();
  const columns = useMemo<Column<Row>[]>(() => {
    const extra = columnsFor(type, sources);
    const name: Column<Row> = {
      id: "name",
      header: "Name",
      width: extra.length > 4 ? "13rem" : "32%",
      cell: (o) => (
        <FastLink
          href={paths.resource(cluster, type, o.metadata.name, o.metadata.namespace)}
          navigate={navigate}
          className="font-medium text-teal-800 hover:underline dark:text-teal-300"
          title={o.metadata.name}
        >
          {o.metadata.name}
        </FastLink>
      ),
      sortValue: (o) => o.metadata.name,
    };
    const namespace: Column<Row> = {
      id: "namespace",
      header: "Namespace",
      width: "10rem",
      cell: (o) => o.metadata.namespace ?? "—",
      sortValue: (o) => o.metadata.namespace ?? "",
    };
    return [name, ...(type.namespaced && showNamespace ? [namespace] : []), ...extra];
  }, [cluster, type, sources, showNamespace, navigate]);

  return (
    <DataTable
      label={`${type.kind} list`}
      rows={items}
      columns={columns}
      rowKey={(o) => `${o.metadata.namespace ?? ""}/${o.metadata.name}`}
      initialSort={{ id: "name" }}
      height={height}
      empty={<EmptyState title={`No ${type.kind} objects here`}>Try another namespace, or clear the search.</EmptyState>}
    />
  );
}
