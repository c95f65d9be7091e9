import { afterEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { fakeFetch, renderWithProviders } from "@/test/render";
import type { ResourceType } from "@/types/api";
import { YamlTab } from "./yaml-tab";

const cm: ResourceType = { group: "", version: "v1", kind: "ConfigMap", plural: "configmaps", namespaced: true, verbs: ["get", "patch"], custom: false };
const diff = "--- app (current)\n+++ app (after)\n@@ -1,3 +1,3 @@\n data:\n-  mode: old\n+  mode: new";

describe("YamlTab", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("shows the server's dry-run diff before applying an edit", async () => {
    const fake = fakeFetch([
      { path: "/api/clusters/demo/resources/configmaps/app", body: "kind: ConfigMap\ndata:\n  mode: old\n" },
      { method: "POST", path: "/api/rbac/access-review", body: { results: [{ allowed: true, explanation: "" }] } },
      {
        method: "POST",
        path: "/api/clusters/demo/apply",
        body: { dryRun: true, changes: [{ kind: "ConfigMap", namespace: "shop", name: "app", operation: "configured", before: null, after: null, diff }] },
      },
    ]);
    vi.stubGlobal("fetch", fake.fn);
    renderWithProviders(<YamlTab cluster="demo" type={cm} name="app" namespace="shop" />);
    await userEvent.click(await screen.findByRole("button", { name: "Edit YAML" }));
    const editor = screen.getByLabelText("YAML editor");
    await userEvent.clear(editor);
    await userEvent.type(editor, "kind: ConfigMap{enter}data:{enter}  mode: new");
    await userEvent.click(screen.getByRole("button", { name: "Preview changes" }));
    const preview = await screen.findByRole("region", { name: "Dry-run preview" });
    expect(preview).toHaveTextContent("configured");
    const added = preview.querySelector('[data-diff="add"]');
    expect(added).toHaveTextContent("+ mode: new", { normalizeWhitespace: true });
    expect(preview.querySelector('[data-diff="del"]')).toHaveTextContent("- mode: old", { normalizeWhitespace: true });
    const applyCall = fake.calls.find((c) => c.url === "/api/clusters/demo/apply");
    expect(applyCall?.body).toMatchObject({ dryRun: true, namespace: "shop" });
    await waitFor(() => expect(screen.getByRole("button", { name: "Apply" })).toBeEnabled());
  });

  it("offers no editing without patch permission", async () => {
    vi.stubGlobal(
      "fetch",
      fakeFetch([
        { path: "/api/clusters/demo/resources/configmaps/app", body: "kind: ConfigMap\n" },
        { method: "POST", path: "/api/rbac/access-review", body: { results: [{ allowed: false, explanation: "viewer may not patch" }] } },
      ]).fn,
    );
    renderWithProviders(<YamlTab cluster="demo" type={cm} name="app" namespace="shop" />);
    expect(await screen.findByLabelText("YAML")).toHaveTextContent("kind: ConfigMap");
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.queryByRole("button", { name: "Edit YAML" })).not.toBeInTheDocument();
  });
});
