import { queryOptions, useQuery } from "@tanstack/react-query";
import { api, ApiError } from "@/lib/api-client";
import { keys } from "@/lib/query-keys";
import type { Me } from "@/types/api";

/** The logged-in user, or null when there is no session (401). Shared: every feature may ask who is here. */
export async function fetchMe(): Promise<Me | null> {
  try {
    return await api<Me>("/api/me");
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

export const meQuery = queryOptions({ queryKey: keys.me, queryFn: fetchMe, staleTime: 60_000, retry: false });

export function useMe() {
  return useQuery(meQuery);
}
