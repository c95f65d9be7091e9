import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { keys } from "@/lib/query-keys";
import type { Role, RoleBinding, Rule } from "@/types/api";

export function useRoles() {
  return useQuery({ queryKey: keys.roles, queryFn: () => api<Role[]>("/api/rbac/roles") });
}

export function useBindings() {
  return useQuery({ queryKey: keys.bindings, queryFn: () => api<RoleBinding[]>("/api/rbac/bindings") });
}

export interface NewBinding {
  userId: string;
  roleId: string;
  clusters: string[];
  namespaces: string[];
}

export function useCreateBinding() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewBinding) => api<RoleBinding>("/api/rbac/bindings", { method: "POST", body }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.bindings }),
  });
}

export function useDeleteBinding() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/api/rbac/bindings/${id}`, { method: "DELETE" }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.bindings }),
  });
}

export interface NewRole {
  name: string;
  description?: string;
  rules: Rule[];
}

export function useCreateRole() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewRole) => api<Role>("/api/rbac/roles", { method: "POST", body }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.roles }),
  });
}

/** Replaces a custom role: name, description and rules. */
export function useUpdateRole() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: NewRole & { id: string }) => api<Role>(`/api/rbac/roles/${id}`, { method: "PUT", body }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.roles }),
  });
}

export function useDeleteRole() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/api/rbac/roles/${id}`, { method: "DELETE" }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.roles }),
  });
}
