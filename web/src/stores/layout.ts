import { create } from "zustand";

interface LayoutState {
  /** The right-side drawer, kept for the AI assistant's chat panel (a later issue). */
  drawerOpen: boolean;
  setDrawerOpen: (open: boolean) => void;
}

export const useLayoutStore = create<LayoutState>()((set) => ({
  drawerOpen: false,
  setDrawerOpen: (drawerOpen) => set({ drawerOpen }),
}));
