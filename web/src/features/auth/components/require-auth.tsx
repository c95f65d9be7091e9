import { Navigate, Outlet, useLocation } from "react-router";
import { ErrorState, LoadingState } from "@/components/ui/states";
import { useMe } from "@/lib/api/session";

/** Pages behind a session: without one, go to the login page and come back afterwards. */
export function RequireAuth() {
  const me = useMe();
  const location = useLocation();
  if (me.isLoading) return <LoadingState label="Checking your session" />;
  if (me.isError)
    return (
      <div className="p-6">
        <ErrorState error={me.error} onRetry={() => void me.refetch()} />
      </div>
    );
  if (!me.data) {
    const next = location.pathname + location.search;
    return <Navigate to={`/login${next && next !== "/" ? `?next=${encodeURIComponent(next)}` : ""}`} replace />;
  }
  return <Outlet />;
}

/** Settings are for platform administrators; others are told so instead of seeing errors. */
export function RequireAdmin() {
  const me = useMe();
  if (!me.data?.admin) {
    return (
      <div className="p-6" role="alert">
        <h1 className="text-xl font-semibold">Administrators only</h1>
        <p className="mt-1 text-sm text-slate-500">Settings are for platform administrators. Ask one if you need a change.</p>
      </div>
    );
  }
  return <Outlet />;
}
