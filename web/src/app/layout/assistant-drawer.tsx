import { lazy, Suspense, useEffect, useRef, useState } from "react";
import { Spinner } from "@/components/ui/states";
import { DRAWER_MAX_WIDTH, DRAWER_MIN_WIDTH, useLayoutStore } from "@/stores/layout";

// The chat panel (markdown, highlighting, the socket) is its own chunk, loaded the first time the
// assistant opens: the first page load stays small.
const ChatPanel = lazy(() => import("@/features/ai/components/chat-panel"));

const isShortcut = (e: KeyboardEvent) => (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === "i";

/**
 * The assistant's drawer on the right of every page, its floating button and its shortcut
 * (Ctrl+I / ⌘I). Once opened it stays mounted while hidden, so its state and its connection
 * survive closing it and navigating.
 */
export function AssistantDrawer() {
  const open = useLayoutStore((s) => s.drawerOpen);
  const width = useLayoutStore((s) => s.drawerWidth);
  const setOpen = useLayoutStore((s) => s.setDrawerOpen);
  const [loaded, setLoaded] = useState(open);
  const fab = useRef<HTMLButtonElement>(null);
  if (open && !loaded) setLoaded(true);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isShortcut(e)) return;
      e.preventDefault();
      setOpen(!useLayoutStore.getState().drawerOpen);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [setOpen]);

  // Closing gives the focus back to the floating button (keyboard users continue where they were).
  const wasOpen = useRef(open);
  useEffect(() => {
    if (wasOpen.current && !open) fab.current?.focus();
    wasOpen.current = open;
  }, [open]);
  const close = () => setOpen(false);

  return (
    <>
      <aside
        id="assistant-drawer"
        aria-label="Assistant"
        hidden={!open}
        style={{ width }}
        onKeyDown={(e) => {
          if (e.key === "Escape" && !e.defaultPrevented) {
            e.preventDefault();
            close();
          }
        }}
        className="relative shrink-0 border-l border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
      >
        <ResizeHandle width={width} />
        {loaded && (
          <Suspense
            fallback={
              <div className="p-4">
                <Spinner label="Loading the assistant" />
              </div>
            }
          >
            <ChatPanel onClose={close} />
          </Suspense>
        )}
      </aside>
      <div id="assistant-fab-slot" className="fixed right-6 bottom-6 z-40">
        <button
          ref={fab}
          hidden={open}
          type="button"
          aria-label="Open assistant"
          aria-keyshortcuts="Control+I"
          title="Open assistant (Ctrl+I)"
          onClick={() => setOpen(true)}
          className="flex h-12 items-center gap-2 rounded-full bg-teal-700 px-4 text-sm font-medium text-white shadow-lg hover:bg-teal-800 dark:bg-teal-600 dark:hover:bg-teal-500"
        >
          <span aria-hidden>✦</span> Assistant
        </button>
      </div>
    </>
  );
}

/** Drag the drawer's left edge (or focus it and use the arrow keys) to make it wider or narrower. */
function ResizeHandle({ width }: { width: number }) {
  const setWidth = useLayoutStore((s) => s.setDrawerWidth);
  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize assistant"
      aria-valuenow={width}
      aria-valuemin={DRAWER_MIN_WIDTH}
      aria-valuemax={DRAWER_MAX_WIDTH}
      tabIndex={0}
      onKeyDown={(e) => {
        if (e.key === "ArrowLeft") setWidth(width + 24);
        else if (e.key === "ArrowRight") setWidth(width - 24);
      }}
      onPointerDown={(e) => {
        e.preventDefault();
        const startX = e.clientX;
        const startWidth = width;
        const move = (ev: PointerEvent) => setWidth(startWidth + (startX - ev.clientX));
        const up = () => {
          window.removeEventListener("pointermove", move);
          window.removeEventListener("pointerup", up);
        };
        window.addEventListener("pointermove", move);
        window.addEventListener("pointerup", up);
      }}
      className="absolute inset-y-0 -left-1 z-20 w-2 cursor-col-resize hover:bg-teal-500/30 focus:bg-teal-500/30"
    />
  );
}
