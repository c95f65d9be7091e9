import { Outlet, useLocation, useMatch } from "react-router";
import { ErrorBoundary } from "@/components/ui/error-boundary";
import { TopBar } from "./top-bar";
import { Sidebar } from "./sidebar";
import { AssistantDrawer } from "./assistant-drawer";

/**
 * The shell: top bar, left navigation, the page, and the assistant's drawer with its floating button.
 */
export function AppLayout() {
  const clusterMatch = useMatch("/clusters/:cluster/*");
  const cluster = clusterMatch?.params.cluster;
  const settings = useMatch("/settings/*") !== null;
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
        <AssistantDrawer />
      </div>
    </div>
  );
}
