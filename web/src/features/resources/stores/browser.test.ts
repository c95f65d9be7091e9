import { describe, expect, it } from "vitest";
import { selectNamespace, useBrowserStore } from "./browser";

describe("resource browser store", () => {
  it("keeps a namespace per cluster, all namespaces by default", () => {
    expect(selectNamespace("demo")(useBrowserStore.getState())).toBe("");
    useBrowserStore.getState().setNamespace("demo", "shop");
    useBrowserStore.getState().setNamespace("prod", "payments");
    expect(selectNamespace("demo")(useBrowserStore.getState())).toBe("shop");
    expect(selectNamespace("prod")(useBrowserStore.getState())).toBe("payments");
  });

  it("remembers namespaces across reloads but not the search text", () => {
    useBrowserStore.getState().setNamespace("demo", "monitoring");
    useBrowserStore.getState().setSearch("checkout");
    const saved = JSON.parse(localStorage.getItem("pilothouse-browser") ?? "{}");
    expect(saved.state.namespaces.demo).toBe("monitoring");
    expect(saved.state.search).toBeUndefined();
  });
});
