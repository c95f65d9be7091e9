import { afterEach, describe, expect, it, vi } from "vitest";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { fakeFetch, renderWithProviders } from "@/test/render";
import { AddClusterDialog } from "./add-cluster-dialog";

const kubeconfig = "apiVersion: v1\nkind: Config\ncurrent-context: prod\ncontexts:\n- name: prod\n";

describe("AddClusterDialog", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("fills the kubeconfig from an uploaded file and sends impersonate when ticked", async () => {
    const onClose = vi.fn();
    const fake = fakeFetch([{ method: "POST", path: "/api/clusters", status: 201, body: {} }]);
    vi.stubGlobal("fetch", fake.fn);
    renderWithProviders(<AddClusterDialog onClose={onClose} />);
    await userEvent.type(screen.getByLabelText("Name"), "prod");
    await userEvent.upload(screen.getByLabelText("Upload file…"), new File([kubeconfig], "config", { type: "" }));
    expect(await screen.findByLabelText("Kubeconfig")).toHaveValue(kubeconfig);
    const impersonate = screen.getByRole("checkbox", { name: "Impersonate the dashboard user" });
    expect(impersonate).toHaveAccessibleDescription(expect.stringContaining("impersonate verb"));
    await userEvent.click(impersonate);
    await userEvent.click(screen.getByRole("button", { name: "Add cluster" }));
    await vi.waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(fake.calls.find((c) => c.method === "POST")?.body).toEqual({ name: "prod", kubeconfig, impersonate: true });
  });

  it("leaves impersonation to the cluster when the box is untouched", async () => {
    const fake = fakeFetch([{ method: "POST", path: "/api/clusters", status: 201, body: {} }]);
    vi.stubGlobal("fetch", fake.fn);
    renderWithProviders(<AddClusterDialog onClose={() => {}} />);
    await userEvent.type(screen.getByLabelText("Name"), "prod");
    await userEvent.type(screen.getByLabelText("Kubeconfig"), "apiVersion: v1");
    expect(screen.getByRole("checkbox", { name: "Impersonate the dashboard user" })).toHaveAccessibleDescription(
      expect.stringContaining("turned on when the cluster says that identity may impersonate"),
    );
    await userEvent.click(screen.getByRole("button", { name: "Add cluster" }));
    await vi.waitFor(() => expect(fake.calls.find((c) => c.method === "POST")?.body).toEqual({ name: "prod", kubeconfig: "apiVersion: v1" }));
  });

  it("sends impersonate false when ticked and unticked again", async () => {
    const fake = fakeFetch([{ method: "POST", path: "/api/clusters", status: 201, body: {} }]);
    vi.stubGlobal("fetch", fake.fn);
    renderWithProviders(<AddClusterDialog onClose={() => {}} />);
    await userEvent.type(screen.getByLabelText("Name"), "prod");
    await userEvent.type(screen.getByLabelText("Kubeconfig"), "apiVersion: v1");
    const box = screen.getByRole("checkbox", { name: "Impersonate the dashboard user" });
    await userEvent.click(box);
    await userEvent.click(box);
    await userEvent.click(screen.getByRole("button", { name: "Add cluster" }));
    await vi.waitFor(() => expect(fake.calls.find((c) => c.method === "POST")?.body).toMatchObject({ impersonate: false }));
  });

  it("refuses a file over 1 MB and keeps what was there", async () => {
    vi.stubGlobal("fetch", fakeFetch([]).fn);
    renderWithProviders(<AddClusterDialog onClose={() => {}} />);
    await userEvent.type(screen.getByLabelText("Kubeconfig"), "kept");
    await userEvent.upload(screen.getByLabelText("Upload file…"), new File([new Uint8Array(1024 * 1024 + 1)], "huge.yaml"));
    expect(await screen.findByRole("alert")).toHaveTextContent("huge.yaml is 1.0 MB; a kubeconfig file can be at most 1 MB.");
    expect(screen.getByLabelText("Kubeconfig")).toHaveValue("kept");
  });

  it("offers the uploaded kubeconfig's contexts and sends the chosen one", async () => {
    const contexts = [
      { name: "prod", server: "https://10.0.0.1:6443", current: true },
      { name: "staging", server: "https://10.0.0.2:6443", current: false },
    ];
    const fake = fakeFetch([
      { method: "POST", path: "/api/clusters/kubeconfig-contexts", body: contexts },
      { method: "POST", path: "/api/clusters", status: 201, body: {} },
    ]);
    vi.stubGlobal("fetch", fake.fn);
    renderWithProviders(<AddClusterDialog onClose={() => {}} />);
    await userEvent.type(screen.getByLabelText("Name"), "staging");
    await userEvent.upload(screen.getByLabelText("Upload file…"), new File([kubeconfig], "config"));
    await screen.findByDisplayValue(/current-context: prod/);
    await userEvent.click(screen.getByRole("button", { name: "Read contexts" }));
    const select = await screen.findByLabelText("Context");
    expect(select).toHaveValue("prod");
    await userEvent.selectOptions(select, "staging");
    await userEvent.click(screen.getByRole("button", { name: "Add cluster" }));
    await vi.waitFor(() => expect(fake.calls.find((c) => c.url === "/api/clusters")?.body).toMatchObject({ kubeconfig, context: "staging" }));
    expect(fake.calls.find((c) => c.url === "/api/clusters/kubeconfig-contexts")?.body).toEqual({ kubeconfig });
  });
});
