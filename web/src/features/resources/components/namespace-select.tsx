import { useResourceList } from "@/lib/api/kube";
import { selectNamespace, useBrowserStore } from "@/features/resources/stores/browser";

const NAMESPACE = { group: "", version: "v1", kind: "Namespace", plural: "namespaces" };

export function NamespaceSelect({ cluster }: { cluster: string }) {
  const namespace = useBrowserStore(selectNamespace(cluster));
  const setNamespace = useBrowserStore((s) => s.setNamespace);
  const namespaces = useResourceList({ cluster, type: NAMESPACE }, { refetchInterval: 60_000 });
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="text-slate-600 dark:text-slate-300">Namespace</span>
      <select
        className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900"
        value={namespace}
        onChange={(e) => setNamespace(cluster, e.target.value)}
      >
        <option value="">All namespaces</option>
        {namespaces.data?.items.map((ns) => (
          <option key={ns.metadata.name} value={ns.metadata.name}>
            {ns.metadata.name}
          </option>
        ))}
      </select>
    </label>
  );
}
