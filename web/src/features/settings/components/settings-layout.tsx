import { Outlet } from "react-router";

/** Settings pages; their navigation is the left sidebar (see app/layout/sidebar.tsx). */
export default function SettingsLayout() {
  return <Outlet />;
}
