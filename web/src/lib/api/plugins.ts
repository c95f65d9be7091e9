import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { keys } from "@/lib/query-keys";
import type { PluginList } from "@/types/api";

export const pluginsQuery = queryOptions({
  queryKey: keys.plugins,
  queryFn: () => api<PluginList>("/api/plugins"),
  staleTime: 10 * 60_000,
});

export function usePlugins() {
  return useQuery(pluginsQuery);
}
