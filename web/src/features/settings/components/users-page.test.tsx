import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { fakeFetch, renderWithProviders, type FakeRoute } from "@/test/render";
import type { User } from "@/types/api";
import UsersPage from "./users-page";

const user = (id: string, username: string, admin: boolean): User => ({
  id,
  username,
  displayName: username,
  admin,
  disabled: false,
  createdAt: "2025-01-01T00:00:00Z",
  lastLoginAt: null,
});
const admin = user("1", "admin", true);
const alice = user("2", "alice", false);
const base: FakeRoute[] = [
  { path: "/api/me", body: { id: admin.id, username: admin.username, displayName: "Admin", admin: true } },
  { path: "/api/users", body: [admin, alice] },
];

describe("UsersPage", () => {
  // jsdom has no layout: give the table's scroll area a viewport, or it renders no rows.
  beforeEach(() => vi.spyOn(Element.prototype, "clientHeight", "get").mockReturnValue(600));
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it("shows each user's name, role and status in a table with named columns", async () => {
    vi.stubGlobal("fetch", fakeFetch(base).fn);
    renderWithProviders(<UsersPage />);
    const table = await screen.findByRole("table", { name: "Users" });
    expect(
      within(table)
        .getAllByRole("columnheader")
        .map((h) => h.textContent),
    ).toEqual(["Username", "Name", "Role", "Last login", "Status", "Actions"]);
    const [, aliceRow] = within(table).getAllByRole("row").slice(1);
    expect(
      within(aliceRow)
        .getAllByRole("cell")
        .map((c) => c.textContent)
        .slice(0, 5),
    ).toEqual(["alice", "alice", "User", "—", "Active"]);
  });

  it("resets a user's password and says their sessions were ended", async () => {
    const fake = fakeFetch([...base, { method: "POST", path: "/api/users/2/password", status: 204 }]);
    vi.stubGlobal("fetch", fake.fn);
    renderWithProviders(<UsersPage />);
    await userEvent.click(await screen.findByRole("button", { name: "Reset password for alice" }));
    const dialog = screen.getByRole("dialog", { name: "Reset password for alice" });
    await userEvent.type(within(dialog).getByLabelText("New password"), "a-new-secret");
    await userEvent.click(within(dialog).getByRole("button", { name: "Reset password" }));
    expect(await screen.findByRole("status")).toHaveTextContent("Password for alice was reset; their sessions were ended.");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(fake.calls.filter((c) => c.method === "POST")).toEqual([
      expect.objectContaining({ url: "/api/users/2/password", body: { password: "a-new-secret" } }),
    ]);
  });

  it("says only that the password was reset when it is your own (the server keeps your sessions)", async () => {
    const fake = fakeFetch([...base, { method: "POST", path: "/api/users/1/password", status: 204 }]);
    vi.stubGlobal("fetch", fake.fn);
    renderWithProviders(<UsersPage />);
    await userEvent.click(await screen.findByRole("button", { name: "Reset password for admin" }));
    await userEvent.type(screen.getByLabelText("New password"), "another-secret");
    await userEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Reset password" }));
    expect(await screen.findByRole("status")).toHaveTextContent("Your password was reset.");
    expect(fake.calls.find((c) => c.method === "POST")?.url).toBe("/api/users/1/password");
  });

  it("keeps the dialog open and shows the server's field error", async () => {
    const error = { code: "invalid_request", message: "password: is required", fields: [{ field: "password", message: "is required" }] };
    vi.stubGlobal("fetch", fakeFetch([...base, { method: "POST", path: "/api/users/2/password", status: 400, body: { error } }]).fn);
    renderWithProviders(<UsersPage />);
    await userEvent.click(await screen.findByRole("button", { name: "Reset password for alice" }));
    const dialog = screen.getByRole("dialog", { name: "Reset password for alice" });
    const input = within(dialog).getByLabelText("New password");
    await userEvent.type(input, "        ");
    await userEvent.click(within(dialog).getByRole("button", { name: "Reset password" }));
    expect(await within(dialog).findByText("is required")).toBeInTheDocument();
    expect(input).toHaveAccessibleDescription(expect.stringContaining("is required"));
    expect(screen.queryByRole("status")).not.toBeInTheDocument();
  });

  it("shows an error without fields, such as a weak password, in the dialog", async () => {
    const error = { code: "weak_password", message: "A password needs at least 8 characters." };
    vi.stubGlobal("fetch", fakeFetch([...base, { method: "POST", path: "/api/users/2/password", status: 400, body: { error } }]).fn);
    renderWithProviders(<UsersPage />);
    await userEvent.click(await screen.findByRole("button", { name: "Reset password for alice" }));
    const dialog = screen.getByRole("dialog", { name: "Reset password for alice" });
    await userEvent.type(within(dialog).getByLabelText("New password"), "short");
    await userEvent.click(within(dialog).getByRole("button", { name: "Reset password" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("A password needs at least 8 characters.");
  });

  it("makes another user an administrator, but offers no admin toggle or disable on your own row", async () => {
    const fake = fakeFetch([...base, { method: "PATCH", path: "/api/users/2", body: { ...alice, admin: true } }]);
    vi.stubGlobal("fetch", fake.fn);
    renderWithProviders(<UsersPage />);
    const table = await screen.findByRole("table", { name: "Users" });
    const [ownRow, aliceRow] = within(table).getAllByRole("row").slice(1);
    expect(ownRow).toHaveTextContent("admin");
    expect(within(ownRow).queryByRole("button", { name: /administrator/ })).not.toBeInTheDocument();
    expect(within(ownRow).queryByRole("button", { name: /Disable/ })).not.toBeInTheDocument();
    expect(within(ownRow).getByRole("button", { name: "Reset password for admin" })).toBeInTheDocument();

    await userEvent.click(within(aliceRow).getByRole("button", { name: "Make administrator: alice" }));
    expect(await screen.findByRole("status")).toHaveTextContent("alice is now an administrator.");
    expect(fake.calls.find((c) => c.method === "PATCH")).toMatchObject({ url: "/api/users/2", body: { admin: true } });
  });

  it("shows the server's refusal to remove the last administrator", async () => {
    const other = { ...user("3", "bob", true), disabled: false };
    const error = { code: "last_admin", message: "'bob' is the last active administrator; make another user an administrator first." };
    const fake = fakeFetch([base[0], { path: "/api/users", body: [admin, other] }, { method: "PATCH", path: "/api/users/3", status: 409, body: { error } }]);
    vi.stubGlobal("fetch", fake.fn);
    renderWithProviders(<UsersPage />);
    await userEvent.click(await screen.findByRole("button", { name: "Remove administrator: bob" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("is the last active administrator");
    expect(fake.calls.find((c) => c.method === "PATCH")?.body).toEqual({ admin: false });
  });
});
