import { afterEach, describe, expect, it, vi } from "vitest";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { fakeFetch, renderWithProviders } from "@/test/render";
import type { AuditEntry } from "@/types/api";
import AuditPage from "./audit-page";

const scaled: AuditEntry = {
  id: 41,
  at: "2026-11-25T11:02:45Z",
  actor: "admin",
  action: "resource.scale",
  target: "deployments/web",
  cluster: "demo",
  namespace: "shop",
  outcome: "success",
  details: { via: "dashboard", kind: "Deployment", summary: "replicas 2 → 4", replicas: 4 },
  clientIp: "10.1.2.3",
};

describe("AuditPage", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it("opens an entry's full details from its row", async () => {
    // jsdom lays nothing out; the virtualized table needs a viewport to render rows into.
    vi.spyOn(Element.prototype, "clientHeight", "get").mockReturnValue(600);
    vi.spyOn(Element.prototype, "clientWidth", "get").mockReturnValue(1000);
    vi.stubGlobal("fetch", fakeFetch([{ path: "/api/audit", body: { items: [scaled], nextCursor: null } }]).fn);
    renderWithProviders(<AuditPage />);

    const table = await screen.findByRole("table", { name: "Audit entries" });
    await userEvent.click(await within(table).findByRole("button", { name: /Details of resource.scale by admin/ }));

    const dialog = screen.getByRole("dialog", { name: "Audit entry 41" });
    expect(dialog).toHaveTextContent("10.1.2.3");
    expect(within(dialog).getByLabelText("Details")).toHaveTextContent('"summary": "replicas 2 → 4"');
    await userEvent.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });
});
