import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/page";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { usePlugins } from "@/lib/api/plugins";

export default function PluginsPage() {
  const plugins = usePlugins();
  return (
    <div className="space-y-4">
      <PageHeader title="Plugins" subtitle="Plugin manifests teach Pilothouse about custom resources: their columns and documentation." />
      {plugins.isLoading && <LoadingState label="Loading plugins" />}
      {plugins.isError && <ErrorState error={plugins.error} onRetry={() => void plugins.refetch()} />}
      {plugins.data?.errors.length ? (
        <div role="alert" className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-800 dark:bg-amber-950/40">
          <p className="font-medium">Some manifests were skipped</p>
          <ul className="mt-1 list-disc pl-5">
            {plugins.data.errors.map((e, i) => (
              <li key={i}>
                <span className="font-mono">{e.file}</span>
                {e.field ? ` (${e.field})` : ""}: {e.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {plugins.data?.plugins.length === 0 && <EmptyState title="No plugins loaded" />}
      {plugins.data?.plugins.map((p) => (
        <Card
          key={p.name}
          title={
            <span className="flex items-center gap-2">
              {p.name} <Badge tone="slate">v{p.version}</Badge>
            </span>
          }
          actions={
            p.homepage && (
              <a href={p.homepage} target="_blank" rel="noreferrer" className="text-sm text-teal-700 hover:underline dark:text-teal-300">
                Homepage
              </a>
            )
          }
        >
          {p.description && <p className="mb-2 text-sm">{p.description}</p>}
          <p className="mb-3 font-mono text-xs text-slate-500">{p.source}</p>
          <ul className="space-y-3">
            {p.kinds.map((k) => (
              <li key={`${k.group}/${k.kind}`} className="text-sm">
                <p className="font-medium">
                  {k.kind}{" "}
                  <span className="font-mono text-xs text-slate-500">
                    {k.group}/{k.version}
                  </span>{" "}
                  <Badge tone="blue">{k.scope}</Badge>
                </p>
                {k.description && <p className="text-slate-600 dark:text-slate-400">{k.description}</p>}
                <p className="mt-1 text-xs text-slate-500">Columns: {k.columns.map((c) => c.name).join(", ")}</p>
              </li>
            ))}
          </ul>
        </Card>
      ))}
    </div>
  );
}
