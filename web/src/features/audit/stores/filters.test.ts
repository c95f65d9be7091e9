import { describe, expect, it } from "vitest";
import { useAuditFilters } from "./filters";

describe("audit filter store", () => {
  it("applies typed filters only when asked, and clears both", () => {
    const s = useAuditFilters.getState();
    s.setDraft("actor", "alice");
    s.setDraft("action", "resource.scale");
    expect(useAuditFilters.getState().applied.actor).toBe("");
    useAuditFilters.getState().apply();
    expect(useAuditFilters.getState().applied).toMatchObject({ actor: "alice", action: "resource.scale" });
    useAuditFilters.getState().clear();
    expect(useAuditFilters.getState().draft.actor).toBe("");
    expect(useAuditFilters.getState().applied.action).toBe("");
  });
});
