import { useDeferredValue, useState } from "react";
import { Link } from "react-router";
import { Badge } from "@/components/ui/badge";
import { TextInput } from "@/components/ui/field";
import { Spinner } from "@/components/ui/states";
import { useKinds, useSearch } from "@/lib/api/kube";
import { paths } from "@/lib/paths";

/** Finds objects of any kind in the cluster by name or label (the server's search). */
export function ClusterSearch({ cluster }: { cluster: string }) {
  const [q, setQ] = useState("");
  const deferred = useDeferredValue(q);
  const search = useSearch(cluster, deferred);
  const kinds = useKinds(cluster);
  const plural = (kind: string, group: string) => kinds.data?.find((t) => t.kind === kind && t.group === group);
  return (
    <div className="relative w-80">
      <TextInput
        type="search"
        aria-label="Search the cluster"
        placeholder="Find anything: name or label…"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        onKeyDown={(e) => e.key === "Escape" && setQ("")}
      />
      {deferred.trim().length >= 2 && (
        <div className="absolute right-0 z-20 mt-1 max-h-96 w-[28rem] overflow-y-auto rounded-lg border border-slate-200 bg-white p-1 shadow-lg dark:border-slate-700 dark:bg-slate-900">
          {search.isLoading && (
            <div className="p-2">
              <Spinner label="Searching" />
            </div>
          )}
          {search.isError && <p className="p-2 text-sm text-red-700 dark:text-red-400">{search.error.message}</p>}
          {search.data?.length === 0 && <p className="p-2 text-sm text-slate-500">Nothing matches “{deferred}”.</p>}
          <ul aria-label="Search results">
            {search.data?.map((hit) => {
              const type = plural(hit.kind, hit.group);
              return (
                <li key={`${hit.group}/${hit.kind}/${hit.namespace}/${hit.name}`}>
                  {type ? (
                    <Link
                      to={paths.resource(cluster, type, hit.name, hit.namespace)}
                      className="flex items-center gap-2 rounded-md px-2 py-1.5 text-sm hover:bg-slate-100 dark:hover:bg-slate-800"
                    >
                      <Badge tone="blue">{hit.kind}</Badge>
                      <span className="truncate">
                        {hit.namespace ? `${hit.namespace}/` : ""}
                        {hit.name}
                      </span>
                    </Link>
                  ) : (
                    <span className="flex gap-2 px-2 py-1.5 text-sm">
                      {hit.kind} {hit.name}
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </div>
  );
}
