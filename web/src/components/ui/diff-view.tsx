import { cn } from "@/lib/cn";

function lineClass(line: string): string {
  if (line.startsWith("+++") || line.startsWith("---")) return "text-slate-500 dark:text-slate-400 font-semibold";
  if (line.startsWith("@@")) return "text-sky-700 dark:text-sky-400";
  if (line.startsWith("+")) return "bg-emerald-100 text-emerald-900 dark:bg-emerald-950/60 dark:text-emerald-300";
  if (line.startsWith("-")) return "bg-red-100 text-red-900 dark:bg-red-950/60 dark:text-red-300";
  return "text-slate-700 dark:text-slate-300";
}

/** A unified diff (as the server's dry runs return it) with added and removed lines colored. */
export function DiffView({ diff, label = "Changes" }: { diff: string; label?: string }) {
  if (!diff.trim()) {
    return <p className="text-sm text-slate-500 dark:text-slate-400">No changes: the object would stay as it is.</p>;
  }
  return (
    <pre
      aria-label={label}
      className="overflow-x-auto rounded-md border border-slate-200 bg-slate-50 py-2 font-mono text-xs leading-5 dark:border-slate-800 dark:bg-slate-950"
    >
      {diff.split("\n").map((line, i) => (
        <div
          key={i}
          className={cn("px-3 whitespace-pre", lineClass(line))}
          data-diff={line.startsWith("+") && !line.startsWith("+++") ? "add" : line.startsWith("-") && !line.startsWith("---") ? "del" : undefined}
        >
          {line || " "}
        </div>
      ))}
    </pre>
  );
}
