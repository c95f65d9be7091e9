import { useEffect } from "react";
import { create } from "zustand";

/** What is on screen: the assistant sends it with each message and when it changes. */
export interface PageContext {
  cluster?: string;
  namespace?: string;
  kind?: string;
  name?: string;
}

interface PageContextState {
  context: PageContext;
  setContext: (context: PageContext) => void;
}

export const usePageContextStore = create<PageContextState>()((set) => ({
  context: {},
  setContext: (context) => set({ context }),
}));

/** A stable key of a context, to compare two of them. */
export function contextKey(context: PageContext): string {
  return [context.cluster, context.namespace, context.kind, context.name].map((v) => v ?? "").join("/");
}

export function isEmptyContext(context: PageContext): boolean {
  return !context.cluster && !context.namespace && !context.kind && !context.name;
}

/**
 * A page says what it shows while it is on screen (cluster page: the cluster; resource page: the
 * object). Leaving the page clears it, so a page that says nothing has no context.
 */
export function usePublishPageContext(context: PageContext) {
  const { cluster, namespace, kind, name } = context;
  useEffect(() => {
    const clean: PageContext = {};
    if (cluster) clean.cluster = cluster;
    if (namespace) clean.namespace = namespace;
    if (kind) clean.kind = kind;
    if (name) clean.name = name;
    usePageContextStore.getState().setContext(clean);
    return () => usePageContextStore.getState().setContext({});
  }, [cluster, namespace, kind, name]);
}
