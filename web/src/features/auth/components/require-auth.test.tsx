import { afterEach, describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/react";
import { QueryClientProvider } from "@tanstack/react-query";
import { MemoryRouter, Route, Routes } from "react-router";
import { fakeFetch, testQueryClient } from "@/test/render";
import { RequireAdmin, RequireAuth } from "./require-auth";

function app(path: string) {
  return render(
    <QueryClientProvider client={testQueryClient()}>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route path="/login" element={<p>login page</p>} />
          <Route element={<RequireAuth />}>
            <Route path="/clusters/:c" element={<p>cluster page</p>} />
            <Route element={<RequireAdmin />}>
              <Route path="/settings" element={<p>settings page</p>} />
            </Route>
          </Route>
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe("route guards", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("sends visitors without a session to the login page", async () => {
    vi.stubGlobal("fetch", fakeFetch([{ path: "/api/me", status: 401, body: { error: { code: "unauthenticated", message: "x" } } }]).fn);
    app("/clusters/demo");
    expect(await screen.findByText("login page")).toBeInTheDocument();
  });

  it("lets a session in, and keeps settings for administrators", async () => {
    vi.stubGlobal("fetch", fakeFetch([{ path: "/api/me", body: { id: "1", username: "v", displayName: "V", admin: false } }]).fn);
    app("/clusters/demo");
    expect(await screen.findByText("cluster page")).toBeInTheDocument();
  });

  it("tells a non-administrator that settings are not for them", async () => {
    vi.stubGlobal("fetch", fakeFetch([{ path: "/api/me", body: { id: "1", username: "v", displayName: "V", admin: false } }]).fn);
    app("/settings");
    expect(await screen.findByRole("alert")).toHaveTextContent("Administrators only");
  });
});
