import { NavLink, Outlet } from "react-router";
import { cn } from "@/lib/cn";
import { paths } from "@/lib/paths";

// An "AI Assistant" entry joins these with the assistant issue.
const items = [
  { to: paths.users, label: "Users" },
  { to: paths.roles, label: "Roles" },
  { to: paths.audit, label: "Audit log" },
  { to: paths.plugins, label: "Plugins" },
];

export default function SettingsLayout() {
  return (
    <div className="flex gap-6">
      <nav aria-label="Settings" className="w-44 shrink-0">
        <h1 className="mb-2 px-2.5 text-lg font-semibold">Settings</h1>
        <ul className="space-y-0.5">
          {items.map((item) => (
            <li key={item.to}>
              <NavLink
                to={item.to}
                className={({ isActive }) =>
                  cn(
                    "block rounded-md px-2.5 py-1.5 text-sm",
                    isActive ? "bg-teal-100 font-medium text-teal-900 dark:bg-teal-900/40 dark:text-teal-200" : "text-slate-700 hover:bg-slate-200/60 dark:text-slate-300 dark:hover:bg-slate-800",
                  )
                }
              >
                {item.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="min-w-0 flex-1">
        <Outlet />
      </div>
    </div>
  );
}
