import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, ApiError } from "@/lib/api-client";

/** The AI configuration REST (docs/protocol.md, "AI configuration" and "RAG"). */

export type ProviderKind = "anthropic" | "openai" | "ollama";

export const PROVIDERS: { id: ProviderKind; label: string }[] = [
  { id: "anthropic", label: "Claude (Anthropic)" },
  { id: "openai", label: "OpenAI or compatible" },
  { id: "ollama", label: "Ollama (local)" },
];

export interface AiConfig {
  provider: ProviderKind;
  model: string;
  baseUrl: string | null;
  effectiveBaseUrl: string;
  toolsEnabled: boolean;
  apiKeySet: boolean;
  apiKeyLast4: string | null;
  maxOutputTokens: number;
  embeddingModel: string;
  updatedAt: string | null;
  updatedBy: string | null;
  // Settings of the chat service (issue 13); absent on a server that does not have them yet.
  writeToolsEnabled?: boolean;
  maxToolSteps?: number;
  historyTokenBudget?: number;
  toolOutputTokenBudget?: number;
  dailyTokenBudget?: number | null;
  /** The model turns each chat question into search queries before the documentation is searched. */
  queryRewriting?: boolean;
}

/** A PUT sends only what changes; `apiKey: ""` removes the key. */
export type AiConfigUpdate = Partial<Omit<AiConfig, "effectiveBaseUrl" | "apiKeySet" | "apiKeyLast4" | "embeddingModel" | "updatedAt" | "updatedBy">> & {
  apiKey?: string;
};

export interface ConnectionTest {
  ok: boolean;
  provider: string;
  model: string;
  latencyMs: number;
  reply: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  providerMessage: string | null;
}

export interface RagProgress {
  state: "running" | "done" | "failed";
  trigger: string;
  startedAt: string | null;
  finishedAt: string | null;
  sourcesTotal: number;
  sourcesDone: number;
  currentSource: string | null;
  chunksEmbedded: number;
}

export interface RagSource {
  source: string;
  type: string;
  cluster: string | null;
  documents: number;
  chunks: number;
  embedded: number;
  lastRunAt: string | null;
  durationMs: number | null;
  error: string | null;
  note: string | null;
}

export interface RagStatus {
  model: string;
  dimensions: number;
  running: boolean;
  progress: RagProgress | null;
  chunks: number;
  sources: RagSource[];
}

const keys = {
  config: ["ai", "config"] as const,
  models: (provider: string) => ["ai", "models", provider] as const,
  rag: ["ai", "rag", "status"] as const,
};

export function useAiConfig() {
  return useQuery({ queryKey: keys.config, queryFn: () => api<AiConfig>("/api/ai/config") });
}

export function useUpdateAiConfig() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (update: AiConfigUpdate) => api<AiConfig>("/api/ai/config", { method: "PUT", body: update }),
    onSuccess: (config) => {
      client.setQueryData(keys.config, config);
      void client.invalidateQueries({ queryKey: ["ai", "models"] });
    },
  });
}

export function useTestConnection() {
  return useMutation({ mutationFn: (update: AiConfigUpdate) => api<ConnectionTest>("/api/ai/config/test", { method: "POST", body: update }) });
}

/**
 * The provider's model list. `unavailable` is true when the server has no such endpoint (404) or the
 * provider could not be asked: the page then takes the model as free text.
 */
export function useModels(provider: string) {
  const query = useQuery({
    queryKey: keys.models(provider),
    queryFn: () => api<{ provider: string; models: string[] }>("/api/ai/models"),
    retry: false,
    staleTime: 60_000,
  });
  const code = query.error instanceof ApiError ? query.error.code : "";
  return {
    ...query,
    unavailable: query.isError,
    notFound: query.error instanceof ApiError && query.error.status === 404,
    noKey: code === "provider_not_configured",
  };
}

/** `watching`: a run was just requested and may not show yet; poll until it has. */
export function useRagStatus(watching = false) {
  return useQuery({
    queryKey: keys.rag,
    queryFn: () => api<RagStatus>("/api/ai/rag/status"),
    // While an index run is going (or about to), the progress bar follows it.
    refetchInterval: (query) => (watching || query.state.data?.running || query.state.data?.progress?.state === "running" ? 1_000 : false),
  });
}

export function useReindex() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<{ started: boolean; status: RagStatus }>("/api/ai/rag/reindex", { method: "POST" }),
    onSuccess: (result) => client.setQueryData(keys.rag, result.status),
  });
}
