import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { fakeFetch, renderWithProviders } from "@/test/render";
import type { RoleBinding } from "@/types/api";
import RolesPage from "./roles-page";

const binding = (id: string, username: string, roleName: string, clusters: string[], namespaces: string[]): RoleBinding => ({
  id,
  userId: `u-${id}`,
  username,
  roleId: `r-${roleName}`,
  roleName,
  clusters,
  namespaces,
  createdAt: "2025-01-01T00:00:00Z",
});

describe("RolesPage bindings", () => {
  // jsdom has no layout: give the table's scroll area a viewport, or it renders no rows.
  beforeEach(() => vi.spyOn(Element.prototype, "clientHeight", "get").mockReturnValue(600));
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it("lists each binding with its clusters and namespaces, and removes the one asked for", async () => {
    const fake = fakeFetch([
      { path: "/api/rbac/roles", body: [] },
      { path: "/api/users", body: [] },
      {
        path: "/api/rbac/bindings",
        body: [binding("1", "alice", "viewer", ["prod", "staging"], ["*"]), binding("2", "bob", "operator", ["demo"], ["shop"])],
      },
      { method: "DELETE", path: "/api/rbac/bindings/2", status: 204 },
    ]);
    vi.stubGlobal("fetch", fake.fn);
    renderWithProviders(<RolesPage />);

    const table = await screen.findByRole("table", { name: "Role bindings" });
    expect(
      within(table)
        .getAllByRole("columnheader")
        .map((h) => h.textContent),
    ).toEqual(["User", "Role", "Clusters", "Namespaces", "Actions"]);
    const [alice, bob] = within(table).getAllByRole("row").slice(1);
    expect(
      within(alice)
        .getAllByRole("cell")
        .map((c) => c.textContent),
    ).toEqual(["alice", "viewer", "prod, staging", "*", "Remove"]);
    expect(bob).toHaveTextContent("shop");

    await userEvent.click(within(bob).getByRole("button", { name: "Remove operator from bob" }));
    expect(fake.calls.filter((c) => c.method === "DELETE").map((c) => c.url)).toEqual(["/api/rbac/bindings/2"]);
  });
});
