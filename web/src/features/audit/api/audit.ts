import { useInfiniteQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { keys } from "@/lib/query-keys";
import type { AuditPage } from "@/types/api";

export interface AuditFilters {
  actor: string;
  action: string;
  cluster: string;
  from: string;
  to: string;
}

export const emptyFilters: AuditFilters = { actor: "", action: "", cluster: "", from: "", to: "" };

/** datetime-local values are local times; the API wants ISO-8601 instants. */
function toInstant(local: string): string | undefined {
  if (!local) return undefined;
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

export function useAudit(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: keys.audit({ ...filters }),
    initialPageParam: null as number | null,
    queryFn: ({ pageParam }) =>
      api<AuditPage>("/api/audit", {
        query: {
          actor: filters.actor.trim(),
          action: filters.action.trim(),
          cluster: filters.cluster.trim(),
          from: toInstant(filters.from),
          to: toInstant(filters.to),
          cursor: pageParam ?? undefined,
          limit: 100,
        },
      }),
    getNextPageParam: (last) => last.nextCursor,
  });
}
