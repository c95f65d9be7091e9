import { useId, useState, type ChangeEvent, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Field, SelectInput, TextArea } from "@/components/ui/field";
import { InlineError } from "@/components/ui/states";
import { useKubeconfigContexts } from "@/features/clusters/api/clusters";

/** Larger files are refused before reading; a kubeconfig is a few kilobytes. */
export const MAX_KUBECONFIG_BYTES = 1024 * 1024;

interface KubeconfigInputProps {
  value: string;
  onChange: (kubeconfig: string) => void;
  /** The chosen context, "" for none (the server then picks). */
  context: string;
  onContextChange: (context: string) => void;
  hint: ReactNode;
  required?: boolean;
  error?: string;
}

/**
 * A kubeconfig pasted or read from a file, with "Read contexts" to choose one of its contexts.
 * Changing the text forgets contexts read from the previous text.
 */
export function KubeconfigInput({ value, onChange, context, onContextChange, hint, required, error }: KubeconfigInputProps) {
  const contexts = useKubeconfigContexts();
  const [fileError, setFileError] = useState<string | null>(null);

  function replace(text: string) {
    onChange(text);
    onContextChange("");
    contexts.reset();
  }

  async function upload(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const file = input.files?.[0];
    input.value = ""; // choosing the same file again still reads it
    if (!file) return;
    if (file.size > MAX_KUBECONFIG_BYTES) {
      setFileError(`${file.name} is ${(file.size / MAX_KUBECONFIG_BYTES).toFixed(1)} MB; a kubeconfig file can be at most 1 MB.`);
      return;
    }
    try {
      replace(await readText(file));
      setFileError(null);
    } catch {
      setFileError(`${file.name} could not be read.`);
    }
  }

  function readContexts() {
    contexts.mutate(value, {
      onSuccess: (list) => onContextChange(list.find((c) => c.current)?.name ?? list[0]?.name ?? ""),
    });
  }

  return (
    <div className="space-y-3">
      <Field label="Kubeconfig" hint={hint} error={error}>
        {(id, d) => (
          <TextArea id={id} aria-describedby={d} rows={10} required={required} value={value} onChange={(e) => replace(e.target.value)} spellCheck={false} />
        )}
      </Field>
      <div className="flex flex-wrap items-end gap-3">
        <FileButton onFile={(e) => void upload(e)} />
        <Button onClick={readContexts} disabled={!value.trim() || contexts.isPending}>
          {contexts.isPending ? "Reading…" : "Read contexts"}
        </Button>
        {contexts.data && (
          <Field label="Context" className="min-w-48 flex-1">
            {(id) => (
              <SelectInput id={id} value={context} onChange={(e) => onContextChange(e.target.value)}>
                {contexts.data.map((c) => (
                  <option key={c.name} value={c.name}>
                    {c.name}
                    {c.server ? ` — ${c.server}` : ""}
                    {c.current ? " (current)" : ""}
                  </option>
                ))}
              </SelectInput>
            )}
          </Field>
        )}
      </div>
      {fileError && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950/50 dark:text-red-300">
          {fileError}
        </p>
      )}
      <InlineError error={contexts.error} />
    </div>
  );
}

/** FileReader rather than Blob.text(): it works in every browser and in jsdom alike. */
function readText(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ""));
    reader.onerror = () => reject(reader.error ?? new Error("unreadable"));
    reader.readAsText(file);
  });
}

/** A file input that looks like a secondary button; the input itself stays focusable and labelled. */
function FileButton({ onFile }: { onFile: (event: ChangeEvent<HTMLInputElement>) => void }) {
  return (
    <label className="inline-flex cursor-pointer items-center justify-center rounded-md border border-slate-300 bg-white px-3.5 py-1.5 text-sm font-medium text-slate-800 transition-colors hover:bg-slate-100 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-teal-500 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800">
      <input type="file" className="sr-only" onChange={onFile} />
      Upload file…
    </label>
  );
}

/** The "impersonate the dashboard user" choice, with what it means. */
export function ImpersonateCheckbox({ checked, onChange, automatic = false }: { checked: boolean; onChange: (checked: boolean) => void; automatic?: boolean }) {
  const hintId = useId();
  return (
    <div className="space-y-1">
      <label className="flex items-center gap-2 text-sm font-medium text-slate-700 dark:text-slate-300">
        <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} aria-describedby={hintId} />
        Impersonate the dashboard user
      </label>
      <p id={hintId} className="text-xs text-slate-500 dark:text-slate-400">
        Requests act as the logged-in user, so the cluster&apos;s own RBAC applies too; the kubeconfig&apos;s identity needs the <code>impersonate</code> verb
        on users and groups.
        {automatic && " Left untouched, it is turned on when the cluster says that identity may impersonate."}
      </p>
    </div>
  );
}
