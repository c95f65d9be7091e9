import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { ConversationDetail, ConversationPage, ConversationSummary } from "./protocol";

/** The caller's own conversations (newest first), searchable by title and text. */
export const conversationKeys = {
  all: ["ai", "conversations"] as const,
  list: (q: string) => ["ai", "conversations", { q }] as const,
};

export function listConversations(q: string, cursor: string | null, limit = 30): Promise<ConversationPage> {
  return api<ConversationPage>("/api/ai/conversations", { query: { q, cursor, limit } });
}

export function getConversation(id: string): Promise<ConversationDetail> {
  return api<ConversationDetail>(`/api/ai/conversations/${encodeURIComponent(id)}`);
}

export function useConversations(q: string, enabled = true) {
  return useInfiniteQuery({
    queryKey: conversationKeys.list(q),
    queryFn: ({ pageParam }) => listConversations(q, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
    staleTime: 10_000,
  });
}

export function useRenameConversation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, title }: { id: string; title: string }) =>
      api<ConversationSummary>(`/api/ai/conversations/${encodeURIComponent(id)}`, { method: "PATCH", body: { title } }),
    onSettled: () => client.invalidateQueries({ queryKey: conversationKeys.all }),
  });
}

export function useDeleteConversation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/api/ai/conversations/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSettled: () => client.invalidateQueries({ queryKey: conversationKeys.all }),
  });
}
