import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { SelectInput } from "@/components/ui/field";
import { ErrorState, Spinner } from "@/components/ui/states";
import { useLogFollow, useLogs } from "@/features/resources/api/resources";
import type { KubeObject } from "@/types/api";

interface Container {
  name: string;
}

/** A pod's logs: choose the container, the previous run, how many lines; follow streams new lines as they are written. */
export function PodLogs({ cluster, pod }: { cluster: string; pod: KubeObject }) {
  const containers = [...((pod.spec?.containers as Container[] | undefined) ?? []), ...((pod.spec?.initContainers as Container[] | undefined) ?? [])].map(
    (c) => c.name,
  );
  const [container, setContainer] = useState(containers[0] ?? "");
  const [previous, setPrevious] = useState(false);
  const [follow, setFollow] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [tailLines, setTailLines] = useState(500);
  const params = { cluster, namespace: pod.metadata.namespace ?? "default", pod: pod.metadata.name, container, previous, tailLines };
  const following = follow && !previous;
  const logs = useLogs(params, !following);
  const stream = useLogFollow(params, following, attempt);
  const text = following ? stream.text : logs.data;
  const showOutput = following ? stream.status !== "connecting" : logs.data !== undefined;
  const output = useRef<HTMLPreElement>(null);

  useEffect(() => {
    if (following && output.current) output.current.scrollTop = output.current.scrollHeight;
  }, [text, following]);

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
          <input type="checkbox" checked={follow} disabled={previous} onChange={(e) => setFollow(e.target.checked)} />
          Follow
        </label>
        {!following && logs.isFetching && <Spinner label="Fetching logs" />}
        {following && <FollowStatus status={stream.status} onAgain={() => setAttempt((n) => n + 1)} />}
      </div>
      {!following && logs.isError && <ErrorState error={logs.error} onRetry={() => void logs.refetch()} />}
      {following && stream.status === "failed" && <ErrorState error={stream.error} onRetry={() => setAttempt((n) => n + 1)} />}
      {showOutput && (
        <pre
          ref={output}
          role="log"
          aria-label="Log lines"
          tabIndex={0}
          className="max-h-[60vh] min-h-40 overflow-auto rounded-md bg-slate-950 p-3 font-mono text-xs leading-5 whitespace-pre-wrap text-slate-100"
        >
          {text || "(no log lines)"}
        </pre>
      )}
    </div>
  );
}

function FollowStatus({ status, onAgain }: { status: "connecting" | "streaming" | "ended" | "failed"; onAgain: () => void }) {
  if (status === "connecting") return <Spinner label="Connecting to the log stream" />;
  if (status === "streaming")
    return (
      <span role="status" className="flex items-center gap-1.5 text-teal-700 dark:text-teal-300">
        <span aria-hidden className="size-2 animate-pulse rounded-full bg-teal-500" />
        Following
      </span>
    );
  if (status === "ended")
    return (
      <span role="status" className="flex items-center gap-2 text-slate-600 dark:text-slate-300">
        The stream ended: the container stopped, or the connection closed.
        <Button size="sm" onClick={onAgain}>
          Follow again
        </Button>
      </span>
    );
  return null;
}
