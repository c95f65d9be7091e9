import { afterEach, describe, expect, it, vi } from "vitest";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { fakeFetch, renderWithProviders } from "@/test/render";
import LoginPage from "./login-page";

describe("LoginPage", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("shows the server's message when the password is wrong", async () => {
    const fake = fakeFetch([
      { path: "/api/me", status: 401, body: { error: { code: "unauthenticated", message: "You are not logged in." } } },
      { method: "POST", path: "/api/auth/login", status: 401, body: { error: { code: "invalid_credentials", message: "Wrong username or password." } } },
    ]);
    vi.stubGlobal("fetch", fake.fn);
    renderWithProviders(<LoginPage />, { path: "/login", route: "/login" });
    await userEvent.type(await screen.findByLabelText("Username"), "admin");
    await userEvent.type(screen.getByLabelText("Password"), "nope");
    await userEvent.click(screen.getByRole("button", { name: "Log in" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Wrong username or password.");
    expect(fake.calls.find((c) => c.method === "POST")?.body).toEqual({ username: "admin", password: "nope" });
  });

  it("goes where the user was headed after logging in", async () => {
    vi.stubGlobal(
      "fetch",
      fakeFetch([
        { path: "/api/me", status: 401, body: { error: { code: "unauthenticated", message: "x" } } },
        { method: "POST", path: "/api/auth/login", body: { id: "1", username: "admin", displayName: "Admin", admin: true } },
      ]).fn,
    );
    renderWithProviders(<LoginPage />, { path: "/login?next=/clusters/demo", route: "/login" });
    await userEvent.type(await screen.findByLabelText("Username"), "admin");
    await userEvent.type(screen.getByLabelText("Password"), "secret-password");
    await userEvent.click(screen.getByRole("button", { name: "Log in" }));
    expect(await screen.findByText("elsewhere")).toBeInTheDocument();
  });
});
