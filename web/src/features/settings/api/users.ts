import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { keys } from "@/lib/query-keys";
import type { User } from "@/types/api";

export function useUsers() {
  return useQuery({ queryKey: keys.users, queryFn: () => api<User[]>("/api/users") });
}

export interface NewUser {
  username: string;
  password: string;
  displayName?: string;
  admin?: boolean;
}

export function useCreateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewUser) => api<User>("/api/users", { method: "POST", body }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.users }),
  });
}

export function useUpdateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; disabled?: boolean; admin?: boolean; displayName?: string }) =>
      api<User>(`/api/users/${id}`, { method: "PATCH", body }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.users }),
  });
}

/** Sets a user's password; the server ends that user's sessions unless it is your own account. */
export function useResetPassword() {
  return useMutation({
    mutationFn: ({ id, password }: { id: string; password: string }) => api<void>(`/api/users/${id}/password`, { method: "POST", body: { password } }),
  });
}
