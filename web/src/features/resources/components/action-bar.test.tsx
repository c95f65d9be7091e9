import { afterEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { fakeFetch, renderWithProviders } from "@/test/render";
import type { ResourceType } from "@/types/api";
import { ActionBar } from "./action-bar";

const deployment: ResourceType = {
  group: "apps",
  version: "v1",
  kind: "Deployment",
  plural: "deployments",
  namespaced: true,
  verbs: ["get", "list", "delete", "patch"],
  custom: false,
};

function access(allowed: boolean[]) {
  return { method: "POST", path: "/api/rbac/access-review", body: { results: allowed.map((a) => ({ allowed: a, explanation: "" })) } };
}

describe("ActionBar", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("offers scale, restart and delete when the role allows them, asking the server once", async () => {
    const fake = fakeFetch([access([true, true, true])]);
    vi.stubGlobal("fetch", fake.fn);
    renderWithProviders(<ActionBar cluster="demo" type={deployment} name="web" namespace="shop" onDeleted={() => {}} />);
    expect(await screen.findByRole("button", { name: "Delete" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Scale" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Restart" })).toBeInTheDocument();
    expect(fake.calls[0].body).toEqual({
      checks: ["scale", "restart", "delete"].map((verb) => ({ verb, cluster: "demo", namespace: "shop", apiGroup: "apps", resource: "deployments" })),
    });
  });

  it("offers nothing a viewer may not do", async () => {
    const fake = fakeFetch([access([false, false, false])]);
    vi.stubGlobal("fetch", fake.fn);
    renderWithProviders(<ActionBar cluster="demo" type={deployment} name="web" namespace="shop" onDeleted={() => {}} />);
    await waitFor(() => expect(fake.calls.length).toBe(1));
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.queryByRole("button", { name: "Delete" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Scale" })).not.toBeInTheDocument();
  });

  it("deletes only after confirmation", async () => {
    const onDeleted = vi.fn();
    const fake = fakeFetch([
      access([true, true, true]),
      { method: "DELETE", path: "/api/clusters/demo/resources/deployments/web", body: { dryRun: false, changes: [] } },
    ]);
    vi.stubGlobal("fetch", fake.fn);
    renderWithProviders(<ActionBar cluster="demo" type={deployment} name="web" namespace="shop" onDeleted={onDeleted} />);
    await userEvent.click(await screen.findByRole("button", { name: "Delete" }));
    const dialog = screen.getByRole("dialog", { name: "Delete Deployment web?" });
    expect(dialog).toHaveTextContent("cannot be undone");
    expect(fake.calls.some((c) => c.method === "DELETE")).toBe(false);
    await userEvent.click(screen.getAllByRole("button", { name: "Delete" }).at(-1)!);
    await waitFor(() => expect(onDeleted).toHaveBeenCalled());
    expect(fake.calls.find((c) => c.method === "DELETE")?.url).toBe("/api/clusters/demo/resources/deployments/web?group=apps&namespace=shop");
  });

  it("scales to the number typed", async () => {
    const fake = fakeFetch([
      access([true, true, true]),
      { method: "POST", path: "/api/clusters/demo/resources/deployments/web/scale", body: { dryRun: false, changes: [] } },
    ]);
    vi.stubGlobal("fetch", fake.fn);
    renderWithProviders(
      <ActionBar
        cluster="demo"
        type={deployment}
        name="web"
        namespace="shop"
        object={{ metadata: { name: "web" }, spec: { replicas: 3 } }}
        onDeleted={() => {}}
      />,
    );
    await userEvent.click(await screen.findByRole("button", { name: "Scale" }));
    const input = screen.getByLabelText("Replicas");
    expect(input).toHaveValue(3);
    await userEvent.clear(input);
    await userEvent.type(input, "5");
    await userEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Scale" }));
    await waitFor(() => expect(fake.calls.find((c) => c.url.endsWith("/scale"))?.body).toEqual({ replicas: 5, namespace: "shop", dryRun: false }));
    expect(await screen.findByRole("status")).toHaveTextContent("Scaled to 5 replicas.");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });
});
