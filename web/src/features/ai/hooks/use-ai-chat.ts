import { useCallback, useEffect, useMemo, useRef } from "react";
import { contextKey, isEmptyContext, usePageContextStore, type PageContext } from "@/stores/page-context";
import { chatSocketUrl, parseServerFrame, type ChatContext, type ClientFrame, type ServerFrame } from "../api/protocol";
import { useAiChatStore } from "../stores/ai-chat";

/** Reconnect delays: 1 s, 2 s, 4 s … at most 30 s, with a little jitter so tabs do not reconnect in step. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  return Math.min(30_000, 1_000 * 2 ** attempt) + Math.floor(random() * 250);
}

/** The context the panel sends: the page's, unless the user removed it from the chip. */
export function useEffectiveContext(): PageContext | null {
  const context = usePageContextStore((s) => s.context);
  const dismissed = useAiChatStore((s) => s.dismissedContextKey);
  return useMemo(() => (isEmptyContext(context) || contextKey(context) === dismissed ? null : context), [context, dismissed]);
}

const nextFrame: (cb: () => void) => void = typeof requestAnimationFrame === "function" ? (cb) => requestAnimationFrame(cb) : (cb) => setTimeout(cb, 16);

export interface AiChat {
  /** Sends a message; false when the socket is not open (the panel says so). */
  send: (text: string) => boolean;
  decide: (confirmationId: string, approved: boolean) => void;
  cancel: () => void;
  newConversation: () => void;
  openConversation: (id: string, title?: string) => void;
}

/**
 * The chat WebSocket (`/api/ai/chat`) while the panel is mounted: frames go into the ai-chat store,
 * tokens batched per animation frame; a lost connection is retried with backoff and the panel says so;
 * after a reconnect the conversation on screen is loaded again, so a reply finished meanwhile shows.
 */
export function useAiChat({ url }: { url?: string } = {}): AiChat {
  const socket = useRef<WebSocket | null>(null);
  const queue = useRef<ServerFrame[]>([]);
  const scheduled = useRef(false);
  const cancelWhenKnown = useRef(false);
  const context = useEffectiveContext();
  const contextRef = useRef(context);
  contextRef.current = context;

  const raw = useCallback((frame: ClientFrame): boolean => {
    const ws = socket.current;
    if (!ws || ws.readyState !== WebSocket.OPEN) return false;
    ws.send(JSON.stringify(frame));
    return true;
  }, []);

  const flush = useCallback(() => {
    scheduled.current = false;
    const frames = queue.current;
    queue.current = [];
    const store = useAiChatStore.getState();
    for (let i = 0; i < frames.length; i++) {
      const frame = frames[i];
      // Consecutive tokens are one update: a fast stream costs one render per frame, not per token.
      if (frame.type === "token") {
        let text = frame.text;
        while (frames[i + 1]?.type === "token" && (frames[i + 1] as typeof frame).conversationId === frame.conversationId) {
          text += (frames[++i] as typeof frame).text;
        }
        store.receive({ ...frame, text });
        continue;
      }
      store.receive(frame);
      if (frame.type === "conversation" && cancelWhenKnown.current) {
        cancelWhenKnown.current = false;
        raw({ type: "cancel", conversationId: frame.conversationId });
      }
    }
  }, [raw]);

  useEffect(() => {
    let attempt = 0;
    let stopped = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const store = useAiChatStore.getState;

    const connect = () => {
      store().setConnection(attempt === 0 ? "connecting" : "reconnecting");
      const ws = new WebSocket(url ?? chatSocketUrl());
      socket.current = ws;
      ws.onopen = () => {
        attempt = 0;
        store().setConnection("open");
        if (contextRef.current) ws.send(JSON.stringify({ type: "context_update", context: toFrameContext(contextRef.current) } satisfies ClientFrame));
        const id = store().conversationId;
        if (id) ws.send(JSON.stringify({ type: "load_history", conversationId: id } satisfies ClientFrame));
      };
      ws.onmessage = (event: MessageEvent) => {
        const frame = parseServerFrame(event.data);
        if (!frame) return;
        queue.current.push(frame);
        if (frame.type === "token") {
          if (!scheduled.current) {
            scheduled.current = true;
            nextFrame(flush);
          }
        } else flush();
      };
      ws.onclose = () => {
        if (socket.current === ws) socket.current = null;
        if (stopped) return;
        flush();
        store().connectionLost();
        const delay = backoffDelay(attempt++);
        store().setConnection("reconnecting", Date.now() + delay);
        retry = setTimeout(connect, delay);
      };
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(retry);
      socket.current?.close(1000, "panel closed");
      socket.current = null;
    };
  }, [url, flush]);

  // The page changed under the open panel: tell the server what is on screen now.
  const key = context ? contextKey(context) : "";
  const sentKey = useRef<string | null>(null);
  useEffect(() => {
    if (sentKey.current === null) {
      sentKey.current = key; // the first context goes with the socket's opening
      return;
    }
    if (sentKey.current === key) return;
    sentKey.current = key;
    raw({ type: "context_update", context: toFrameContext(contextRef.current ?? {}) });
  }, [key, raw]);

  return useMemo<AiChat>(
    () => ({
      send: (text) => {
        const store = useAiChatStore.getState();
        const frame: ClientFrame = { type: "user_message", text };
        if (store.conversationId) frame.conversationId = store.conversationId;
        if (contextRef.current) frame.context = toFrameContext(contextRef.current);
        if (!raw(frame)) return false;
        store.sent(text);
        return true;
      },
      decide: (confirmationId, approved) => {
        if (raw({ type: "confirm_action", confirmationId, approved })) useAiChatStore.getState().decide(confirmationId, approved);
      },
      cancel: () => {
        const id = useAiChatStore.getState().conversationId;
        if (id) raw({ type: "cancel", conversationId: id });
        else cancelWhenKnown.current = true;
      },
      newConversation: () => {
        useAiChatStore.getState().newConversation();
        raw({ type: "new_conversation" });
      },
      openConversation: (id, title) => {
        useAiChatStore.getState().openConversation(id, title);
        raw({ type: "load_history", conversationId: id });
      },
    }),
    [raw],
  );
}

function toFrameContext(context: PageContext): ChatContext {
  const { cluster, namespace, kind, name } = context;
  return { cluster, namespace, kind, name };
}
