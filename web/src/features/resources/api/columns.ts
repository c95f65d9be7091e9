import { useQuery } from "@tanstack/react-query";
import { usePlugins } from "@/lib/api/plugins";
import type { ColumnSources, PrinterColumn } from "@/features/resources/descriptors";
import { hasDescriptor } from "@/features/resources/descriptors";
import type { ResourceType } from "@/types/api";
import { listResources } from "@/lib/api/kube";

const CRD = { group: "apiextensions.k8s.io", version: "v1", kind: "CustomResourceDefinition", plural: "customresourcedefinitions" };

interface CrdVersion {
  name: string;
  additionalPrinterColumns?: PrinterColumn[];
}

/** Where a kind's extra columns come from: its plugin manifest, or its CRD's printer columns. */
export function useColumnSources(cluster: string, type: ResourceType | undefined): ColumnSources {
  const plugins = usePlugins();
  const needsCrd = !!type?.custom && !hasDescriptor(type);
  const crds = useQuery({
    queryKey: ["k8s", cluster, "apiextensions.k8s.io/v1", "CustomResourceDefinition", "", {}],
    queryFn: () => listResources({ cluster, type: CRD }),
    enabled: needsCrd,
    staleTime: 5 * 60_000,
  });
  if (!type) return {};
  const pluginKind = plugins.data?.plugins.flatMap((p) => p.kinds).find((k) => k.group === type.group && k.kind === type.kind);
  const crd = crds.data?.items.find((c) => c.metadata.name === `${type.plural}.${type.group}`);
  const versions = (crd?.spec?.versions as CrdVersion[] | undefined) ?? [];
  const version = versions.find((v) => v.name === type.version) ?? versions[0];
  return { pluginColumns: pluginKind?.columns, printerColumns: version?.additionalPrinterColumns };
}
