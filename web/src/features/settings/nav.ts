import { paths } from "@/lib/paths";

export const settingsNav = [
  { to: paths.users, label: "Users" },
  { to: paths.roles, label: "Roles" },
  { to: paths.audit, label: "Audit log" },
  { to: paths.plugins, label: "Plugins" },
  { to: paths.aiSettings, label: "AI Assistant" },
];
