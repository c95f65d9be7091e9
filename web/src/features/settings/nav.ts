import { paths } from "@/lib/paths";

// An "AI Assistant" entry joins these with the assistant issue.
export const settingsNav = [
  { to: paths.users, label: "Users" },
  { to: paths.roles, label: "Roles" },
  { to: paths.audit, label: "Audit log" },
  { to: paths.plugins, label: "Plugins" },
];
