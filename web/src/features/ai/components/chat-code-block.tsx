import { memo, useState } from "react";
import { ApplyYamlDialog } from "@/components/apply-yaml-dialog";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/cn";
import { highlight, isManifest, languageOf, type TokenType } from "../lib/highlight";

const tokenClass: Record<TokenType, string> = {
  key: "text-sky-700 dark:text-sky-300",
  string: "text-emerald-700 dark:text-emerald-300",
  number: "text-amber-700 dark:text-amber-300",
  bool: "text-violet-700 dark:text-violet-300",
  comment: "text-slate-500 italic dark:text-slate-400",
  punct: "text-slate-500 dark:text-slate-400",
  command: "font-semibold text-teal-800 dark:text-teal-300",
  flag: "text-violet-700 dark:text-violet-300",
  variable: "text-amber-700 dark:text-amber-300",
  plain: "",
};

interface Props {
  code: string;
  /** The fence's language tag (```yaml). */
  lang?: string;
  /** Where "Apply" writes: the cluster (and default namespace) on screen. */
  cluster?: string;
  namespace?: string;
  /** A block still being streamed: no actions until it is complete. */
  streaming?: boolean;
}

/** A fenced code block in a reply: highlighted, with Copy, and for a Kubernetes manifest, Apply (dry run first). */
export const ChatCodeBlock = memo(function ChatCodeBlock({ code, lang, cluster, namespace, streaming }: Props) {
  const language = languageOf(lang);
  const [copied, setCopied] = useState(false);
  const [applying, setApplying] = useState(false);
  const manifest = language === "yaml" && isManifest(code);
  const label = lang ? `${lang} code` : "Code";

  async function copy() {
    try {
      await navigator.clipboard.writeText(code);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      setCopied(false);
    }
  }

  return (
    <figure aria-label={label} className="my-2 overflow-hidden rounded-md border border-slate-200 bg-slate-50 dark:border-slate-700 dark:bg-slate-950">
      <div className="flex items-center gap-1 border-b border-slate-200 px-2 py-1 text-xs text-slate-500 dark:border-slate-700 dark:text-slate-400">
        <span className="mr-auto font-mono">{lang || "text"}</span>
        <Button variant="ghost" size="sm" onClick={() => void copy()} aria-label={`Copy ${label}`}>
          {copied ? "Copied" : "Copy"}
        </Button>
        {manifest && (
          <Button
            variant="ghost"
            size="sm"
            disabled={streaming || !cluster}
            title={cluster ? `Preview and apply to cluster ${cluster}` : "Open a cluster's page first: Apply writes to the cluster on screen."}
            onClick={() => setApplying(true)}
          >
            Apply
          </Button>
        )}
      </div>
      <pre tabIndex={0} className="overflow-x-auto p-3 font-mono text-xs leading-5">
        <code>
          {highlight(code, language).map((line, i) => (
            <span key={i} className="block min-h-5">
              {line.map((t, j) => (
                <span key={j} className={cn(tokenClass[t.type])}>
                  {t.text}
                </span>
              ))}
            </span>
          ))}
        </code>
      </pre>
      {applying && cluster && <ApplyYamlDialog cluster={cluster} namespace={namespace} yaml={code} onClose={() => setApplying(false)} />}
    </figure>
  );
});
