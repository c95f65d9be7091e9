import { afterEach, describe, expect, it, vi } from "vitest";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { fakeFetch, renderWithProviders } from "@/test/render";
import type { ClusterInfo } from "@/types/api";
import ClustersPage from "./clusters-page";

const demo: ClusterInfo = {
  name: "demo",
  displayName: "Demo (simulated)",
  source: "demo",
  context: null,
  server: null,
  impersonate: false,
  label: "Demo (simulated)",
  health: { status: "reachable", serverVersion: "v1.35.0", error: null, checkedAt: new Date().toISOString(), latencyMs: 80 },
  createdAt: new Date().toISOString(),
};
const prod: ClusterInfo = {
  ...demo,
  name: "prod",
  displayName: null,
  source: "kubeconfig",
  label: null,
  server: "https://10.0.0.1:6443",
  health: { status: "unreachable", serverVersion: null, error: "connection refused", checkedAt: null, latencyMs: null },
};

const me = (admin: boolean) => ({ path: "/api/me", body: { id: "1", username: "u", displayName: "U", admin } });

describe("ClustersPage", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("shows status, version and the demo label; administrators may add and remove", async () => {
    vi.stubGlobal("fetch", fakeFetch([me(true), { path: "/api/clusters", body: [demo, prod] }]).fn);
    renderWithProviders(<ClustersPage />);
    const list = await screen.findByRole("list", { name: "Clusters" });
    const demoCard = within(list).getAllByRole("listitem")[0];
    expect(demoCard).toHaveTextContent("Reachable");
    expect(demoCard).toHaveTextContent("v1.35.0");
    expect(within(demoCard).getAllByText("Demo (simulated)").length).toBeGreaterThan(0);
    const prodCard = within(list).getAllByRole("listitem")[1];
    expect(prodCard).toHaveTextContent("Unreachable");
    expect(prodCard).toHaveTextContent("connection refused");
    expect(await screen.findByRole("button", { name: "Add cluster" })).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Remove prod" }));
    expect(screen.getByRole("dialog", { name: "Remove cluster prod?" })).toBeInTheDocument();
  });

  it("offers neither add nor remove to other users", async () => {
    vi.stubGlobal("fetch", fakeFetch([me(false), { path: "/api/clusters", body: [demo] }]).fn);
    renderWithProviders(<ClustersPage />);
    await screen.findByRole("list", { name: "Clusters" });
    expect(screen.queryByRole("button", { name: "Add cluster" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Remove demo" })).not.toBeInTheDocument();
  });

  it("shows the server's error when the list cannot be loaded", async () => {
    vi.stubGlobal("fetch", fakeFetch([me(false), { path: "/api/clusters", status: 500, body: { error: { code: "internal_error", message: "Something went wrong on the server." } } }]).fn);
    renderWithProviders(<ClustersPage />);
    expect(await screen.findByRole("alert")).toHaveTextContent("Something went wrong on the server.");
  });
});
