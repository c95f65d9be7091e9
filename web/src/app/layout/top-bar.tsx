import { Link, useNavigate } from "react-router";
import { Logo } from "@/components/logo";
import { Button } from "@/components/ui/button";
import { useLogout } from "@/features/auth/api/session";
import { useMe } from "@/lib/api/session";
import { useClusters } from "@/features/clusters/api/clusters";
import { paths } from "@/lib/paths";
import { useThemeStore } from "@/stores/theme";

export function TopBar({ cluster }: { cluster?: string }) {
  const me = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  const clusters = useClusters();
  const theme = useThemeStore((s) => s.theme);
  const toggle = useThemeStore((s) => s.toggle);

  return (
    <header className="flex h-12 shrink-0 items-center gap-4 border-b border-slate-200 bg-white px-4 dark:border-slate-800 dark:bg-slate-900">
      <Link to={paths.clusters} className="flex items-center gap-2 font-semibold">
        <Logo />
        <span>Pilothouse</span>
      </Link>
      <label className="flex items-center gap-2 text-sm">
        <span className="text-slate-500 dark:text-slate-400">Cluster</span>
        <select
          aria-label="Cluster"
          className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900"
          value={cluster ?? ""}
          onChange={(e) => navigate(e.target.value ? paths.cluster(e.target.value) : paths.clusters)}
        >
          <option value="">All clusters</option>
          {clusters.data?.map((c) => (
            <option key={c.name} value={c.name}>
              {c.displayName && c.displayName !== c.name ? `${c.name} — ${c.displayName}` : c.name}
            </option>
          ))}
        </select>
      </label>
      <div className="ml-auto flex items-center gap-2">
        {me.data?.admin && (
          <Link to={paths.settings} className="rounded-md px-2.5 py-1 text-sm text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800">
            Settings
          </Link>
        )}
        <Button
          variant="ghost"
          size="sm"
          onClick={toggle}
          aria-label={theme === "dark" ? "Switch to light theme" : "Switch to dark theme"}
          title="Toggle theme"
        >
          {theme === "dark" ? "☀" : "☾"}
        </Button>
        <span className="text-sm text-slate-600 dark:text-slate-300" aria-label="Signed in as">
          {me.data?.displayName || me.data?.username}
        </span>
        <Button variant="ghost" size="sm" onClick={() => logout.mutate(undefined, { onSettled: () => navigate("/login") })}>
          Log out
        </Button>
      </div>
    </header>
  );
}
