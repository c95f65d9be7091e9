import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, SelectInput, TextInput } from "@/components/ui/field";
import { Card, PageHeader } from "@/components/ui/page";
import { ErrorState, InlineError, LoadingState } from "@/components/ui/states";
import { ApiError } from "@/lib/api-client";
import { PROVIDERS, useAiConfig, useModels, useTestConnection, useUpdateAiConfig, type AiConfig, type AiConfigUpdate, type ProviderKind } from "../api/config";
import { RagSection } from "./rag-section";

/** The numbers an administrator may tune; the defaults are what the server uses when unset. */
const NUMBERS = [
  {
    key: "maxToolSteps",
    label: "Step limit",
    hint: "Model calls with tools in one reply before the assistant stops and says so.",
    min: 1,
    max: 50,
    fallback: 10,
  },
  { key: "maxOutputTokens", label: "Reply length (tokens)", hint: "Longest reply the model may write.", min: 1, max: 200_000, fallback: 4096 },
  { key: "historyTokenBudget", label: "History budget (tokens)", hint: "Older turns beyond this are summarised.", min: 1000, max: 1_000_000, fallback: 24_000 },
  {
    key: "toolOutputTokenBudget",
    label: "Tool output budget (tokens)",
    hint: "Largest tool result the model reads at once.",
    min: 200,
    max: 100_000,
    fallback: 4_000,
  },
  { key: "dailyTokenBudget", label: "Daily budget per user (tokens)", hint: "Empty: no limit.", min: 1000, max: 100_000_000, fallback: null },
] as const;

type NumberKey = (typeof NUMBERS)[number]["key"];

interface Form {
  provider: ProviderKind;
  model: string;
  baseUrl: string;
  /** null: keep the stored key; "": remove it; text: the new key. */
  apiKey: string | null;
  toolsEnabled: boolean;
  writeToolsEnabled: boolean;
  queryRewriting: boolean;
  numbers: Record<NumberKey, string>;
}

function formFrom(config: AiConfig): Form {
  const numbers = {} as Record<NumberKey, string>;
  for (const n of NUMBERS) {
    const v = config[n.key];
    // The daily budget's 0 is the server's "no limit", shown as an empty field.
    const none = v === undefined || v === null || (n.key === "dailyTokenBudget" && v === 0);
    numbers[n.key] = none ? (n.fallback === null ? "" : String(n.fallback)) : String(v);
  }
  return {
    provider: config.provider,
    model: config.model,
    baseUrl: config.baseUrl ?? "",
    apiKey: null,
    toolsEnabled: config.toolsEnabled,
    writeToolsEnabled: config.writeToolsEnabled ?? true,
    queryRewriting: config.queryRewriting ?? false,
    numbers,
  };
}

/** What the form changes, as a PUT body: only the fields that differ from the stored settings. */
export function changes(config: AiConfig, form: Form): AiConfigUpdate {
  const update: AiConfigUpdate = {};
  const base = formFrom(config);
  if (form.provider !== config.provider) update.provider = form.provider;
  // With another provider, an empty model or base URL means "that provider's default": not sent.
  const model = form.model.trim();
  if (update.provider ? model !== "" : model !== base.model) update.model = model;
  const baseUrl = form.baseUrl.trim();
  if (update.provider ? baseUrl !== "" : baseUrl !== base.baseUrl) update.baseUrl = baseUrl;
  if (form.apiKey !== null) update.apiKey = form.apiKey;
  if (form.toolsEnabled !== base.toolsEnabled) update.toolsEnabled = form.toolsEnabled;
  if (form.writeToolsEnabled !== base.writeToolsEnabled) update.writeToolsEnabled = form.writeToolsEnabled;
  if (form.queryRewriting !== base.queryRewriting) update.queryRewriting = form.queryRewriting;
  for (const n of NUMBERS) {
    const text = form.numbers[n.key].trim();
    if (text === base.numbers[n.key]) continue;
    if (n.key === "dailyTokenBudget") update.dailyTokenBudget = text === "" ? 0 : Number(text);
    else update[n.key] = Number(text);
  }
  return update;
}

function numberError(n: (typeof NUMBERS)[number], text: string): string | null {
  if (text.trim() === "") return n.fallback === null ? null : "Enter a number.";
  const v = Number(text);
  if (!Number.isInteger(v) || v < n.min || v > n.max) return `A whole number from ${n.min.toLocaleString()} to ${n.max.toLocaleString()}.`;
  return null;
}

/** Settings → AI Assistant (administrators): provider, key, model, tools, budgets, connection test, documentation index. */
export default function AiSettingsPage() {
  const config = useAiConfig();
  if (config.isLoading) return <LoadingState label="Loading the AI settings" />;
  if (config.isError || !config.data) return <ErrorState error={config.error} onRetry={() => void config.refetch()} />;
  return (
    <div className="max-w-3xl space-y-4">
      <PageHeader title="AI Assistant" subtitle="Which model answers, what it may do, and the documentation it reads." />
      <ProviderForm config={config.data} />
      <RagSection />
    </div>
  );
}

function ProviderForm({ config }: { config: AiConfig }) {
  const [form, setForm] = useState<Form>(() => formFrom(config));
  const save = useUpdateAiConfig();
  const test = useTestConnection();
  const [saved, setSaved] = useState(false);
  const models = useModels(config.provider);
  const set = (patch: Partial<Form>) => {
    setForm((f) => ({ ...f, ...patch }));
    setSaved(false);
  };
  const update = changes(config, form);
  const invalid = NUMBERS.some((n) => numberError(n, form.numbers[n.key]) !== null) || (form.model.trim() === "" && form.provider === config.provider);
  const providerChanged = form.provider !== config.provider;
  const fieldError = (name: string) => (save.error instanceof ApiError ? (save.error.fields.find((f) => f.field === name)?.message ?? null) : null);

  return (
    <Card title="Provider">
      <form
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          if (invalid) return;
          save.mutate(update, {
            onSuccess: (next) => {
              setForm(formFrom(next));
              setSaved(true);
            },
          });
        }}
      >
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Provider">
            {(id) => (
              <SelectInput
                id={id}
                value={form.provider}
                onChange={(e) => {
                  const provider = e.target.value as ProviderKind;
                  // Another provider starts from its own defaults (the server fills them in).
                  set(
                    provider === config.provider
                      ? { provider, model: config.model, baseUrl: config.baseUrl ?? "", apiKey: null }
                      : { provider, model: "", baseUrl: "", apiKey: null },
                  );
                }}
              >
                {PROVIDERS.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.label}
                  </option>
                ))}
              </SelectInput>
            )}
          </Field>
          <ModelField
            form={form}
            config={config}
            models={models}
            providerChanged={providerChanged}
            onChange={(model) => set({ model })}
            error={fieldError("model")}
          />
        </div>
        <ApiKeyField key={config.updatedAt ?? ""} config={config} form={form} providerChanged={providerChanged} onChange={(apiKey) => set({ apiKey })} />
        <Field
          label="Base URL"
          hint={
            form.provider === "anthropic"
              ? "Only for a proxy in front of Anthropic's API. Empty: the default."
              : `For OpenAI-compatible servers (vLLM, LM Studio, llama.cpp, OpenRouter, Azure) or your Ollama. Empty: ${providerChanged ? "the provider's default" : config.effectiveBaseUrl}.`
          }
          error={fieldError("baseUrl")}
        >
          {(id, d) => (
            <TextInput
              id={id}
              aria-describedby={d}
              type="url"
              placeholder="https://…"
              value={form.baseUrl}
              onChange={(e) => set({ baseUrl: e.target.value })}
            />
          )}
        </Field>
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-700 dark:text-slate-300">Tools</legend>
          <label className="flex items-start gap-2 text-sm">
            <input type="checkbox" className="mt-1" checked={form.toolsEnabled} onChange={(e) => set({ toolsEnabled: e.target.checked })} />
            <span>
              Let the assistant use tools
              <span className="block text-xs text-slate-600 dark:text-slate-400">
                It reads resources, events, logs and metrics with each user's own permissions.
              </span>
            </span>
          </label>
          <label className="flex items-start gap-2 text-sm">
            <input
              type="checkbox"
              className="mt-1"
              checked={form.writeToolsEnabled && form.toolsEnabled}
              disabled={!form.toolsEnabled}
              onChange={(e) => set({ writeToolsEnabled: e.target.checked })}
            />
            <span>
              Allow write tools (apply, scale, restart, delete)
              <span className="block text-xs text-slate-600 dark:text-slate-400">
                Every change is shown as a dry-run diff and waits for the user's approval.
              </span>
            </span>
          </label>
        </fieldset>
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-700 dark:text-slate-300">Documentation search</legend>
          <label className="flex items-start gap-2 text-sm">
            <input type="checkbox" className="mt-1" checked={form.queryRewriting} onChange={(e) => set({ queryRewriting: e.target.checked })} />
            <span>
              Rewrite each question into search queries first
              <span className="block text-xs text-slate-600 dark:text-slate-400">
                One more short call per question, to find the documentation’s words for a question asked in other words.
              </span>
            </span>
          </label>
        </fieldset>
        <fieldset className="grid gap-4 sm:grid-cols-2">
          <legend className="mb-2 text-sm font-medium text-slate-700 dark:text-slate-300">Limits</legend>
          {NUMBERS.map((n) => (
            <Field key={n.key} label={n.label} hint={n.hint} error={numberError(n, form.numbers[n.key]) ?? fieldError(n.key)}>
              {(id, d) => (
                <TextInput
                  id={id}
                  aria-describedby={d}
                  inputMode="numeric"
                  value={form.numbers[n.key]}
                  onChange={(e) => set({ numbers: { ...form.numbers, [n.key]: e.target.value } })}
                />
              )}
            </Field>
          ))}
        </fieldset>
        <InlineError error={save.error} />
        <div className="flex flex-wrap items-center gap-2">
          <Button variant="primary" type="submit" disabled={invalid || save.isPending || Object.keys(update).length === 0}>
            {save.isPending ? "Saving…" : "Save"}
          </Button>
          <Button disabled={test.isPending || invalid} onClick={() => test.mutate(update)}>
            {test.isPending ? "Testing…" : "Test connection"}
          </Button>
          {saved && (
            <span role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
              Saved.
            </span>
          )}
          {config.updatedBy && <span className="ml-auto text-xs text-slate-600 dark:text-slate-400">Last changed by {config.updatedBy}</span>}
        </div>
        <TestResult test={test} />
      </form>
    </Card>
  );
}

function ModelField({
  form,
  config,
  models,
  providerChanged,
  onChange,
  error,
}: {
  form: Form;
  config: AiConfig;
  models: ReturnType<typeof useModels>;
  providerChanged: boolean;
  onChange: (model: string) => void;
  error: string | null;
}) {
  const listId = "ai-model-options";
  const hint = providerChanged
    ? "Empty: the provider's default model. Save to list this provider's models."
    : models.isError
      ? models.notFound
        ? "Type the model id (this server does not list models)."
        : models.noKey
          ? "Enter the API key and save to list this provider's models, or type the model id."
          : `The model list could not be loaded (${models.error?.message ?? "error"}); type the model id.`
      : models.data
        ? `${models.data.models.length} models offered by ${config.provider}; any id can be typed.`
        : "Loading the provider's models…";
  return (
    <Field label="Model" hint={hint} error={error}>
      {(id, d) => (
        <>
          <TextInput
            id={id}
            aria-describedby={d}
            list={listId}
            value={form.model}
            placeholder={providerChanged ? "default" : ""}
            onChange={(e) => onChange(e.target.value)}
            autoComplete="off"
          />
          <datalist id={listId}>{!providerChanged && models.data?.models.map((m) => <option key={m} value={m} />)}</datalist>
        </>
      )}
    </Field>
  );
}

function ApiKeyField({
  config,
  form,
  providerChanged,
  onChange,
}: {
  config: AiConfig;
  form: Form;
  providerChanged: boolean;
  onChange: (key: string | null) => void;
}) {
  const [replacing, setReplacing] = useState(false);
  const stored = !providerChanged && config.apiKeySet;
  const status =
    form.apiKey === ""
      ? "Will be removed when you save."
      : stored
        ? `Set, ends in …${config.apiKeyLast4 ?? "????"}`
        : form.provider === "ollama"
          ? "Not needed for Ollama (unless your server asks for one)."
          : providerChanged
            ? "Enter this provider's key."
            : "Not set.";
  if (replacing || form.apiKey) {
    return (
      <Field label="API key" hint="Stored encrypted; it is never shown again, only its last 4 characters.">
        {(id, d) => (
          <div className="flex gap-2">
            <TextInput
              id={id}
              aria-describedby={d}
              type="password"
              autoComplete="new-password"
              value={form.apiKey ?? ""}
              onChange={(e) => onChange(e.target.value || null)}
              data-autofocus
            />
            <Button
              onClick={() => {
                onChange(null);
                setReplacing(false);
              }}
            >
              Cancel
            </Button>
          </div>
        )}
      </Field>
    );
  }
  return (
    <div className="flex flex-col gap-1">
      <span className="text-sm font-medium text-slate-700 dark:text-slate-300">API key</span>
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-sm" aria-label="API key status">
          {status}
        </span>
        <Button size="sm" onClick={() => setReplacing(true)}>
          {stored ? "Replace key" : "Enter key"}
        </Button>
        {stored && form.apiKey !== "" && (
          <Button size="sm" variant="ghost" onClick={() => onChange("")}>
            Clear key
          </Button>
        )}
        {form.apiKey === "" && (
          <Button size="sm" variant="ghost" onClick={() => onChange(null)}>
            Keep key
          </Button>
        )}
      </div>
    </div>
  );
}

const TEST_HINTS: Record<string, string> = {
  not_configured: "Enter the provider's API key above, then test again.",
  authentication: "Check the API key (Replace key), then test again.",
  rate_limited: "The provider is limiting requests: wait a minute, or check your plan's limits.",
  overloaded: "The provider is overloaded right now: try again in a few minutes.",
  not_found: "Check the model id and the base URL (an OpenAI-compatible server usually ends in /v1).",
  network: "Check the base URL and that this server can reach it (proxy, firewall, DNS).",
  timeout: "The provider did not answer in time: check the base URL, or raise the read timeout.",
  bad_request: "The provider refused the request: check the model id.",
  malformed_stream: "The server at the base URL does not speak this provider's API: check the provider and base URL.",
  server_error: "The provider had an error: try again later.",
};

function TestResult({ test }: { test: ReturnType<typeof useTestConnection> }) {
  if (test.error) return <InlineError error={test.error} />;
  const result = test.data;
  if (!result) return null;
  if (result.ok) {
    return (
      <div
        role="status"
        className="rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950/40 dark:text-emerald-200"
      >
        <p className="font-medium">
          Connected: {result.model} answered in {result.latencyMs} ms.
        </p>
        {result.reply && <p className="text-xs">Reply: “{result.reply}”</p>}
      </div>
    );
  }
  return (
    <div
      role="alert"
      className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-900/60 dark:bg-red-950/40 dark:text-red-200"
    >
      <p className="font-medium">Connection failed{result.errorCode ? ` (${result.errorCode})` : ""}</p>
      {result.errorMessage && <p>{result.errorMessage}</p>}
      {result.errorCode && TEST_HINTS[result.errorCode] && <p className="mt-1">What to do: {TEST_HINTS[result.errorCode]}</p>}
      {result.providerMessage && <p className="mt-1 text-xs">The provider said: “{result.providerMessage}”</p>}
    </div>
  );
}
