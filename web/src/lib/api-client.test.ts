import { afterEach, describe, expect, it, vi } from "vitest";
import { api, ApiError, withQuery } from "./api-client";
import { fakeFetch } from "@/test/render";

describe("api client", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.cookie = "XSRF-TOKEN=; expires=Thu, 01 Jan 1970 00:00:00 GMT";
  });

  it("sends the XSRF-TOKEN cookie as X-XSRF-TOKEN on changes, not on reads", async () => {
    document.cookie = "XSRF-TOKEN=abc123";
    const fake = fakeFetch([
      { method: "POST", path: "/api/x", body: { ok: true } },
      { path: "/api/x", body: { ok: true } },
    ]);
    vi.stubGlobal("fetch", fake.fn);
    await api("/api/x", { method: "POST", body: { a: 1 } });
    await api("/api/x");
    expect(fake.calls[0].headers["X-XSRF-TOKEN"]).toBe("abc123");
    expect(fake.calls[0].headers["Content-Type"]).toBe("application/json");
    expect(fake.calls[0].body).toEqual({ a: 1 });
    expect(fake.calls[1].headers["X-XSRF-TOKEN"]).toBeUndefined();
  });

  it("turns the server's error body into a typed ApiError", async () => {
    vi.stubGlobal(
      "fetch",
      fakeFetch([{ method: "DELETE", path: "/api/y", status: 403, body: { error: { code: "rbac_denied", message: "viewer may not delete pods" } } }]).fn,
    );
    const error = await api("/api/y", { method: "DELETE" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 403, code: "rbac_denied", message: "viewer may not delete pods" });
  });

  it("reports an unreachable server as a network error", async () => {
    vi.stubGlobal("fetch", () => Promise.reject(new TypeError("Failed to fetch")));
    await expect(api("/api/z")).rejects.toMatchObject({ code: "network", status: 0 });
  });

  it("drops empty query parameters", () => {
    expect(withQuery("/a", { x: "1", y: "", z: undefined, n: 0 })).toBe("/a?x=1&n=0");
  });
});
