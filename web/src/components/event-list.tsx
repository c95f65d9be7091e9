import { Badge } from "@/components/ui/badge";
import { age } from "@/lib/format";
import type { EventSummary } from "@/types/api";

export function EventList({ events, showObject }: { events: EventSummary[]; showObject?: boolean; cluster?: string }) {
  return (
    <ul aria-label="Events" className="divide-y divide-slate-100 text-sm dark:divide-slate-800">
      {events.map((e, i) => (
        <li key={`${e.objectKind}/${e.objectName}/${e.reason}/${i}`} className="py-2">
          <div className="flex flex-wrap items-center gap-2">
            <Badge tone={e.type === "Warning" ? "amber" : "slate"}>{e.type}</Badge>
            <span className="font-medium">{e.reason}</span>
            {showObject && (
              <span className="text-slate-500 dark:text-slate-400">
                {e.namespace ? `${e.namespace}/` : ""}
                {e.objectKind}/{e.objectName}
              </span>
            )}
            <span className="ml-auto text-xs text-slate-500 dark:text-slate-400">
              {e.count > 1 ? `×${e.count}, ` : ""}
              {age(e.lastSeen)} ago
            </span>
          </div>
          <p className="mt-0.5 text-slate-700 break-words dark:text-slate-300">{e.message}</p>
        </li>
      ))}
    </ul>
  );
}
