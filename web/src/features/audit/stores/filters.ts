import { create } from "zustand";
import { emptyFilters, type AuditFilters } from "@/features/audit/api/audit";

interface AuditFilterState {
  draft: AuditFilters;
  applied: AuditFilters;
  setDraft: (field: keyof AuditFilters, value: string) => void;
  apply: () => void;
  clear: () => void;
}

/** Filters being typed (draft) and the ones the list shows (applied). */
export const useAuditFilters = create<AuditFilterState>()((set) => ({
  draft: emptyFilters,
  applied: emptyFilters,
  setDraft: (field, value) => set((s) => ({ draft: { ...s.draft, [field]: value } })),
  apply: () => set((s) => ({ applied: s.draft })),
  clear: () => set({ draft: emptyFilters, applied: emptyFilters }),
}));
