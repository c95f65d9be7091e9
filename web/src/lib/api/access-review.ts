import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { keys } from "@/lib/query-keys";
import type { AccessCheck, AccessResult } from "@/types/api";

export function reviewAccess(checks: AccessCheck[]): Promise<{ results: AccessResult[] }> {
  return api<{ results: AccessResult[] }>("/api/rbac/access-review", { method: "POST", body: { checks } });
}

/**
 * Asks the server which of these actions the user may take, to offer only those.
 * Until the answer arrives (or when it fails) nothing is allowed: the UI hides, the server decides.
 */
export function useAccess(checks: AccessCheck[], enabled = true): { allowed: boolean[]; explanations: string[]; isLoading: boolean } {
  const query = useQuery({
    queryKey: keys.access(checks),
    queryFn: () => reviewAccess(checks),
    enabled: enabled && checks.length > 0,
    staleTime: 10_000,
  });
  const results = query.data?.results ?? [];
  return {
    allowed: checks.map((_, i) => results[i]?.allowed ?? false),
    explanations: checks.map((_, i) => results[i]?.explanation ?? ""),
    isLoading: query.isLoading,
  };
}
