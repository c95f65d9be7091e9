import { lazy, Suspense, type ReactNode } from "react";
import { BrowserRouter, Navigate, Route, Routes } from "react-router";
import { LoadingState } from "@/components/ui/states";
import { RequireAuth, RequireAdmin } from "@/features/auth/components/require-auth";
import { AppLayout } from "@/app/layout/app-layout";

// Every page is its own chunk: the first load carries only the shell and the page on screen.
const LoginPage = lazy(() => import("@/features/auth/components/login-page"));
const ClustersPage = lazy(() => import("@/features/clusters/components/clusters-page"));
const ClusterOverview = lazy(() => import("@/features/clusters/components/cluster-overview"));
const ResourceBrowser = lazy(() => import("@/features/resources/components/resource-browser"));
const ResourceDetail = lazy(() => import("@/features/resources/components/resource-detail"));
const SettingsLayout = lazy(() => import("@/features/settings/components/settings-layout"));
const UsersPage = lazy(() => import("@/features/settings/components/users-page"));
const RolesPage = lazy(() => import("@/features/settings/components/roles-page"));
const AuditPage = lazy(() => import("@/features/audit/components/audit-page"));
const PluginsPage = lazy(() => import("@/features/plugins/components/plugins-page"));
const AiSettingsPage = lazy(() => import("@/features/ai/components/ai-settings-page"));

const page = (element: ReactNode) => <Suspense fallback={<LoadingState />}>{element}</Suspense>;

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={page(<LoginPage />)} />
      <Route element={<RequireAuth />}>
        <Route element={<AppLayout />}>
          <Route index element={<Navigate to="/clusters" replace />} />
          <Route path="clusters" element={page(<ClustersPage />)} />
          <Route path="clusters/:cluster" element={page(<ClusterOverview />)} />
          <Route path="clusters/:cluster/resources/:group/:plural" element={page(<ResourceBrowser />)} />
          <Route path="clusters/:cluster/resources/:group/:plural/:name" element={page(<ResourceDetail />)} />
          <Route element={<RequireAdmin />}>
            <Route path="settings" element={page(<SettingsLayout />)}>
              <Route index element={<Navigate to="users" replace />} />
              <Route path="users" element={page(<UsersPage />)} />
              <Route path="roles" element={page(<RolesPage />)} />
              <Route path="audit" element={page(<AuditPage />)} />
              <Route path="plugins" element={page(<PluginsPage />)} />
              <Route path="ai" element={page(<AiSettingsPage />)} />
            </Route>
          </Route>
          <Route path="*" element={<NotFound />} />
        </Route>
      </Route>
    </Routes>
  );
}

function NotFound() {
  return (
    <div className="p-6">
      <h1 className="text-xl font-semibold">Page not found</h1>
      <p className="mt-1 text-sm text-slate-500">Nothing is at this address. Pick a cluster on the left.</p>
    </div>
  );
}

export function AppRouter() {
  return (
    <BrowserRouter>
      <AppRoutes />
    </BrowserRouter>
  );
}
