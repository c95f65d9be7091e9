import { NavLink } from "react-router";
import { useKinds } from "@/lib/api/kube";
import { groupKinds, pluralKind } from "@/features/resources/kind-groups";
import { paths } from "@/lib/paths";
import { cn } from "@/lib/cn";
import { Spinner } from "@/components/ui/states";
import { settingsNav } from "@/features/settings/nav";

const linkClass = ({ isActive }: { isActive: boolean }) =>
  cn(
    "block truncate rounded-md px-2.5 py-1 text-sm",
    isActive
      ? "bg-teal-100 font-medium text-teal-900 dark:bg-teal-900/40 dark:text-teal-200"
      : "text-slate-700 hover:bg-slate-200/60 dark:text-slate-300 dark:hover:bg-slate-800",
  );

export function Sidebar({ cluster, settings }: { cluster?: string; settings?: boolean }) {
  if (settings) {
    return (
      <nav
        aria-label="Settings"
        className="w-56 shrink-0 overflow-y-auto border-r border-slate-200 bg-slate-100/60 p-3 dark:border-slate-800 dark:bg-slate-900/60"
      >
        <NavLink to={paths.clusters} className={linkClass}>
          ← Clusters
        </NavLink>
        <p className="mt-3 px-2.5 pb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">Settings</p>
        {settingsNav.map((item) => (
          <NavLink key={item.to} to={item.to} className={linkClass}>
            {item.label}
          </NavLink>
        ))}
      </nav>
    );
  }
  return (
    <nav aria-label="Main" className="w-56 shrink-0 overflow-y-auto border-r border-slate-200 bg-slate-100/60 p-3 dark:border-slate-800 dark:bg-slate-900/60">
      <NavLink to={paths.clusters} end className={linkClass}>
        Clusters
      </NavLink>
      {cluster && <ClusterNav cluster={cluster} />}
    </nav>
  );
}

function ClusterNav({ cluster }: { cluster: string }) {
  const kinds = useKinds(cluster);
  return (
    <div className="mt-3">
      <p className="px-2.5 pb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">{cluster}</p>
      <NavLink to={paths.cluster(cluster)} end className={linkClass}>
        Overview
      </NavLink>
      {kinds.isLoading && (
        <div className="p-2.5">
          <Spinner label="Loading kinds" />
        </div>
      )}
      {kinds.isError && <p className="p-2.5 text-xs text-red-700 dark:text-red-400">Kinds could not be loaded.</p>}
      {kinds.data &&
        groupKinds(kinds.data).map((group) => (
          <div key={group.title} className="mt-3" role="group" aria-labelledby={`nav-${group.title}`}>
            <p id={`nav-${group.title}`} className="truncate px-2.5 pb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">
              {group.title}
            </p>
            {group.kinds.map((t) => (
              <NavLink
                key={`${t.group}/${t.kind}`}
                to={paths.resources(cluster, t)}
                className={linkClass}
                title={`${t.kind} (${t.group || "core"}/${t.version})`}
              >
                {pluralKind(t.kind)}
              </NavLink>
            ))}
          </div>
        ))}
    </div>
  );
}
