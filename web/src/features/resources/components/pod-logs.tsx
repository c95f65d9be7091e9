import { useEffect, useRef, useState } from "react";
import { SelectInput } from "@/components/ui/field";
import { ErrorState, Spinner } from "@/components/ui/states";
import { useLogs } from "@/features/resources/api/resources";
import type { KubeObject } from "@/types/api";

interface Container {
  name: string;
}

/** A pod's logs: choose the container, the previous run, how many lines; follow polls every 2 s. */
export function PodLogs({ cluster, pod }: { cluster: string; pod: KubeObject }) {
  const containers = [...((pod.spec?.containers as Container[] | undefined) ?? []), ...((pod.spec?.initContainers as Container[] | undefined) ?? [])].map(
    (c) => c.name,
  );
  const [container, setContainer] = useState(containers[0] ?? "");
  const [previous, setPrevious] = useState(false);
  const [follow, setFollow] = useState(false);
  const [tailLines, setTailLines] = useState(500);
  const logs = useLogs({ cluster, namespace: pod.metadata.namespace ?? "default", pod: pod.metadata.name, container, previous, tailLines }, follow);
  const output = useRef<HTMLPreElement>(null);

  useEffect(() => {
    if (follow && output.current) output.current.scrollTop = output.current.scrollHeight;
  }, [logs.data, follow]);

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-4 text-sm">
        <label className="flex items-center gap-2">
          Container
          <SelectInput className="w-auto" value={container} onChange={(e) => setContainer(e.target.value)}>
            {containers.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </SelectInput>
        </label>
        <label className="flex items-center gap-2">
          Lines
          <SelectInput className="w-auto" value={tailLines} onChange={(e) => setTailLines(Number(e.target.value))}>
            {[100, 500, 2000, 10000].map((n) => (
              <option key={n} value={n}>
                last {n}
              </option>
            ))}
          </SelectInput>
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={previous} onChange={(e) => setPrevious(e.target.checked)} />
          Previous run
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} />
          Follow
        </label>
        {logs.isFetching && <Spinner label="Fetching logs" />}
      </div>
      {logs.isError && <ErrorState error={logs.error} onRetry={() => void logs.refetch()} />}
      {logs.data !== undefined && (
        <pre
          ref={output}
          aria-label="Logs"
          tabIndex={0}
          className="max-h-[60vh] min-h-40 overflow-auto rounded-md bg-slate-950 p-3 font-mono text-xs leading-5 whitespace-pre-wrap text-slate-100"
        >
          {logs.data || "(no log lines)"}
        </pre>
      )}
    </div>
  );
}
