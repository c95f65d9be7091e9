import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, ApiError } from "@/lib/api-client";
import { keys } from "@/lib/query-keys";
import type { Me } from "@/types/api";

/** The logged-in user, or null when there is no session (401). */
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

export interface Credentials {
  username: string;
  password: string;
}

export function login(credentials: Credentials): Promise<Me> {
  return api<Me>("/api/auth/login", { method: "POST", body: credentials });
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (me) => {
      client.clear();
      client.setQueryData(keys.me, me);
    },
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>("/api/auth/logout", { method: "POST" }),
    onSettled: () => {
      client.clear();
      client.setQueryData(keys.me, null);
    },
  });
}
