import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { act, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { fakeFetch, renderWithProviders } from "@/test/render";
import { usePageContextStore } from "@/stores/page-context";
import { useLayoutStore } from "@/stores/layout";
import { useAiChatStore } from "../stores/ai-chat";
import { FakeWebSocket } from "../test/fake-socket";
import ChatPanel, { EXAMPLE_QUESTIONS } from "./chat-panel";

function renderPanel() {
  vi.stubGlobal(
    "fetch",
    fakeFetch([
      { path: "/api/me", body: { id: "1", username: "ana", displayName: "Ana", admin: false } },
      { path: "/api/ai/conversations", body: { conversations: [], nextCursor: null } },
    ]).fn,
  );
  renderWithProviders(<ChatPanel onClose={vi.fn()} />);
  const ws = FakeWebSocket.latest();
  act(() => ws.open());
  return ws;
}

describe("ChatPanel", () => {
  beforeEach(() => {
    FakeWebSocket.instances = [];
    vi.stubGlobal("WebSocket", FakeWebSocket);
    useAiChatStore.getState().newConversation();
    useAiChatStore.getState().setDraft("");
    useAiChatStore.getState().dismissContext(null);
    usePageContextStore.getState().setContext({});
  });
  afterEach(() => vi.unstubAllGlobals());

  it("Enter sends, Shift+Enter starts a new line; Stop cancels the running reply", async () => {
    const ws = renderPanel();
    const box = screen.getByRole("textbox", { name: "Message" });
    await userEvent.type(box, "first line{Shift>}{Enter}{/Shift}second line");
    expect(box).toHaveValue("first line\nsecond line");
    expect(ws.frames().filter((f) => f.type === "user_message")).toHaveLength(0);
    await userEvent.type(box, "{Enter}");
    expect(ws.frames().at(-1)).toEqual({ type: "user_message", text: "first line\nsecond line" });
    expect(box).toHaveValue("");

    act(() => ws.push({ type: "conversation", conversationId: "c1", title: "first line" }));
    act(() => ws.push({ type: "token", conversationId: "c1", text: "Working on it" }));
    await userEvent.click(await screen.findByRole("button", { name: "Stop" }));
    expect(ws.frames().at(-1)).toEqual({ type: "cancel", conversationId: "c1" });
    act(() => ws.push({ type: "message_done", conversationId: "c1", messageId: "m1", stopReason: "cancelled" }));
    expect(await screen.findByText(/^Stopped\./)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Send" })).toBeInTheDocument();
  });

  it("offers three example questions that send at a click", async () => {
    const ws = renderPanel();
    const examples = screen.getByRole("list", { name: "Example questions" });
    expect(examples.querySelectorAll("button")).toHaveLength(3);
    await userEvent.click(screen.getByRole("button", { name: EXAMPLE_QUESTIONS[0] }));
    expect(ws.frames().at(-1)).toEqual({ type: "user_message", text: EXAMPLE_QUESTIONS[0] });
  });

  it("shows the page context as a chip that can be removed, and takes a question from Ask AI", async () => {
    usePageContextStore.getState().setContext({ cluster: "demo", namespace: "shop", kind: "Pod", name: "p-1" });
    useLayoutStore.getState().askAssistant("Why is this pod failing?");
    const ws = renderPanel();
    await waitFor(() => expect(screen.getByRole("textbox", { name: "Message" })).toHaveValue("Why is this pod failing?"));
    expect(screen.getByText("demo › shop › Pod p-1")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Remove context" }));
    expect(screen.queryByText("demo › shop › Pod p-1")).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: "Send" }));
    expect(ws.frames().at(-1)).toEqual({ type: "user_message", text: "Why is this pod failing?" });
  });

  it("says a non-admin should ask the administrator when no provider is configured", async () => {
    const ws = renderPanel();
    await userEvent.type(screen.getByRole("textbox", { name: "Message" }), "hi{Enter}");
    act(() => ws.push({ type: "error", code: "provider_not_configured", message: "No AI provider is configured." }));
    await waitFor(() => expect(screen.getByRole("alert")).toHaveTextContent("Ask your administrator to set up an AI provider."));
  });

  it("the conversation list opens with the focus in its search and Esc closes it back to its toggle", async () => {
    renderPanel();
    const toggle = screen.getByRole("button", { name: "Conversations" });
    await userEvent.click(toggle);
    expect(await screen.findByRole("navigation", { name: "Conversations" })).toBeInTheDocument();
    expect(screen.getByRole("searchbox", { name: "Search conversations" })).toHaveFocus();
    expect(await screen.findByText("No chats yet.")).toBeInTheDocument();
    await userEvent.keyboard("{Escape}");
    expect(screen.queryByRole("navigation", { name: "Conversations" })).toBeNull();
    expect(toggle).toHaveFocus();
  });
});
