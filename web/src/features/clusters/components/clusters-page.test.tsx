import { afterEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
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

const prodWithContext: ClusterInfo = { ...prod, displayName: "Production", context: "prod-admin" };

const me = (admin: boolean) => ({ path: "/api/me", body: { id: "1", username: "u", displayName: "U", admin } });

describe("ClustersPage", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("marks a cluster reached over plain http:// and says why, next to the cluster", async () => {
    const plain: ClusterInfo = {
      ...prod,
      name: "plain",
      server: "http://10.0.0.2:8080",
      warnings: ["The API server is reached over plain http://: traffic is unencrypted. Use an https:// address."],
    };
    vi.stubGlobal("fetch", fakeFetch([me(false), { path: "/api/clusters", body: [demo, plain] }]).fn);
    renderWithProviders(<ClustersPage />);
    const list = await screen.findByRole("list", { name: "Clusters" });
    const [demoCard, plainCard] = within(list).getAllByRole("listitem");
    expect(within(plainCard).getByRole("note", { name: "Warnings for plain" })).toHaveTextContent("plain http://");
    expect(plainCard).toHaveTextContent("not encrypted");
    expect(within(demoCard).queryByRole("note")).toBeNull();
  });

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

  it("offers Edit on registered clusters but not on the simulated demo cluster", async () => {
    vi.stubGlobal("fetch", fakeFetch([me(true), { path: "/api/clusters", body: [demo, prod] }]).fn);
    renderWithProviders(<ClustersPage />);
    expect(await screen.findByRole("button", { name: "Edit prod" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Edit demo" })).not.toBeInTheDocument();
  });

  it("edits a cluster, sending only what changed", async () => {
    const fake = fakeFetch([
      me(true),
      { path: "/api/clusters", body: [prodWithContext] },
      { method: "PATCH", path: "/api/clusters/prod", body: prodWithContext },
    ]);
    vi.stubGlobal("fetch", fake.fn);
    renderWithProviders(<ClustersPage />);
    await userEvent.click(await screen.findByRole("button", { name: "Edit prod" }));
    const dialog = screen.getByRole("dialog", { name: "Edit cluster prod" });
    const save = within(dialog).getByRole("button", { name: "Save changes" });
    expect(save).toBeDisabled();
    const displayName = within(dialog).getByLabelText("Display name");
    expect(displayName).toHaveValue("Production");
    await userEvent.clear(displayName);
    await userEvent.type(displayName, "Production EU");
    await userEvent.click(save);
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(fake.calls.filter((c) => c.method === "PATCH").map((c) => c.body)).toEqual([{ displayName: "Production EU" }]);
  });

  it("replaces the kubeconfig from a file and changes impersonation, leaving the display name alone", async () => {
    const fake = fakeFetch([
      me(true),
      { path: "/api/clusters", body: [prodWithContext] },
      { method: "PATCH", path: "/api/clusters/prod", body: prodWithContext },
    ]);
    vi.stubGlobal("fetch", fake.fn);
    renderWithProviders(<ClustersPage />);
    await userEvent.click(await screen.findByRole("button", { name: "Edit prod" }));
    const dialog = screen.getByRole("dialog", { name: "Edit cluster prod" });
    expect(within(dialog).getByLabelText("Kubeconfig")).toHaveAccessibleDescription(expect.stringContaining("the context prod-admin is used"));
    await userEvent.upload(within(dialog).getByLabelText("Upload file…"), new File(["apiVersion: v1\n"], "config"));
    await waitFor(() => expect(within(dialog).getByLabelText("Kubeconfig")).toHaveValue("apiVersion: v1\n"));
    await userEvent.click(within(dialog).getByRole("checkbox", { name: "Impersonate the dashboard user" }));
    await userEvent.click(within(dialog).getByRole("button", { name: "Save changes" }));
    await waitFor(() =>
      expect(fake.calls.filter((c) => c.method === "PATCH").map((c) => c.body)).toEqual([{ kubeconfig: "apiVersion: v1\n", impersonate: true }]),
    );
  });

  it("shows the server's error and keeps the edit dialog open", async () => {
    const error = { code: "invalid_kubeconfig", message: "The kubeconfig has no context 'prod-admin'; it has: other." };
    vi.stubGlobal(
      "fetch",
      fakeFetch([me(true), { path: "/api/clusters", body: [prodWithContext] }, { method: "PATCH", path: "/api/clusters/prod", status: 400, body: { error } }])
        .fn,
    );
    renderWithProviders(<ClustersPage />);
    await userEvent.click(await screen.findByRole("button", { name: "Edit prod" }));
    const dialog = screen.getByRole("dialog", { name: "Edit cluster prod" });
    await userEvent.type(within(dialog).getByLabelText("Kubeconfig"), "apiVersion: v1");
    await userEvent.click(within(dialog).getByRole("button", { name: "Save changes" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("has no context 'prod-admin'");
  });

  it("offers no kubeconfig to replace for an in-cluster registration", async () => {
    vi.stubGlobal("fetch", fakeFetch([me(true), { path: "/api/clusters", body: [{ ...prod, source: "in_cluster", server: null }] }]).fn);
    renderWithProviders(<ClustersPage />);
    await userEvent.click(await screen.findByRole("button", { name: "Edit prod" }));
    const dialog = screen.getByRole("dialog", { name: "Edit cluster prod" });
    expect(within(dialog).getByLabelText("Display name")).toBeInTheDocument();
    expect(within(dialog).queryByLabelText("Kubeconfig")).not.toBeInTheDocument();
  });

  it("offers neither add, edit nor remove to other users", async () => {
    vi.stubGlobal("fetch", fakeFetch([me(false), { path: "/api/clusters", body: [demo, prod] }]).fn);
    renderWithProviders(<ClustersPage />);
    await screen.findByRole("list", { name: "Clusters" });
    expect(screen.getByRole("button", { name: "Check prod now" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Add cluster" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Remove demo" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Remove prod" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Edit prod" })).not.toBeInTheDocument();
  });

  it("shows the server's error when the list cannot be loaded", async () => {
    vi.stubGlobal(
      "fetch",
      fakeFetch([
        me(false),
        { path: "/api/clusters", status: 500, body: { error: { code: "internal_error", message: "Something went wrong on the server." } } },
      ]).fn,
    );
    renderWithProviders(<ClustersPage />);
    expect(await screen.findByRole("alert")).toHaveTextContent("Something went wrong on the server.");
  });
});
