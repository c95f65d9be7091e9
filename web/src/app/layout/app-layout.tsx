import { Outlet, useLocation, useMatch } from "react-router";
import { ErrorBoundary } from "@/components/ui/error-boundary";
import { useLayoutStore } from "@/stores/layout";
import { TopBar } from "./top-bar";
import { Sidebar } from "./sidebar";

/**
 * The shell: top bar, left navigation, the page, and two places kept free for the AI assistant
 * (a later issue): a right-side drawer column and a floating button at the bottom right.
 */
export function AppLayout() {
  const clusterMatch = useMatch("/clusters/:cluster/*");
  const cluster = clusterMatch?.params.cluster;
  const settings = useMatch("/settings/*") !== null;
  const drawerOpen = useLayoutStore((s) => s.drawerOpen);
  const location = useLocation();
  return (
    <div className="flex h-screen flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 dark:focus:bg-slate-900"
      >
        Skip to content
      </a>
      <TopBar cluster={cluster} />
      <div className="flex min-h-0 flex-1">
        <Sidebar cluster={cluster} settings={settings} />
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 overflow-y-auto px-6 py-5">
          <ErrorBoundary resetKey={location.pathname}>
            <Outlet />
          </ErrorBoundary>
        </main>
        {/* The assistant's chat panel opens here. */}
        <aside
          id="assistant-drawer"
          aria-label="Assistant"
          hidden={!drawerOpen}
          className="w-[26rem] shrink-0 border-l border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
        />
      </div>
      {/* The assistant's floating button goes here; nothing else uses this corner. */}
      <div id="assistant-fab-slot" className="pointer-events-none fixed right-6 bottom-6 z-40" />
    </div>
  );
}
