import { create } from "zustand";
import { persist } from "zustand/middleware";

interface BrowserState {
  /** Selected namespace per cluster; "" means all namespaces. */
  namespaces: Record<string, string>;
  search: string;
  setNamespace: (cluster: string, namespace: string) => void;
  setSearch: (search: string) => void;
}

/** Client state of the resource browser: namespace filter (remembered per cluster) and search. */
export const useBrowserStore = create<BrowserState>()(
  persist(
    (set) => ({
      namespaces: {},
      search: "",
      setNamespace: (cluster, namespace) => set((s) => ({ namespaces: { ...s.namespaces, [cluster]: namespace } })),
      setSearch: (search) => set({ search }),
    }),
    { name: "pilothouse-browser", partialize: (s) => ({ namespaces: s.namespaces }) },
  ),
);

export function selectNamespace(cluster: string) {
  return (s: BrowserState) => s.namespaces[cluster] ?? "";
}
