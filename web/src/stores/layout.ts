import { create } from "zustand";
import { persist } from "zustand/middleware";

export const DRAWER_MIN_WIDTH = 320;
export const DRAWER_MAX_WIDTH = 900;

interface LayoutState {
  /** The right-side drawer holding the assistant's chat panel. */
  drawerOpen: boolean;
  /** Its width in pixels, as the user dragged it (kept in localStorage). */
  drawerWidth: number;
  /** A question an "Ask AI about this …" button put in the message box; the panel takes it once. */
  pendingQuestion: string | null;
  setDrawerOpen: (open: boolean) => void;
  setDrawerWidth: (width: number) => void;
  /** Opens the assistant with this question in its message box (not sent: the user may edit it). */
  askAssistant: (question: string) => void;
  takePendingQuestion: () => string | null;
}

const clamp = (width: number) => Math.round(Math.min(DRAWER_MAX_WIDTH, Math.max(DRAWER_MIN_WIDTH, width)));

export const useLayoutStore = create<LayoutState>()(
  persist(
    (set, get) => ({
      drawerOpen: false,
      drawerWidth: 440,
      pendingQuestion: null,
      setDrawerOpen: (drawerOpen) => set({ drawerOpen }),
      setDrawerWidth: (width) => set({ drawerWidth: clamp(width) }),
      askAssistant: (question) => set({ drawerOpen: true, pendingQuestion: question }),
      takePendingQuestion: () => {
        const question = get().pendingQuestion;
        if (question !== null) set({ pendingQuestion: null });
        return question;
      },
    }),
    { name: "pilothouse-layout", partialize: (s) => ({ drawerWidth: s.drawerWidth }) },
  ),
);
