import { afterEach, describe, expect, it, vi } from "vitest";
import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ConfirmAction } from "./confirm-action";
import type { ChatItem } from "../stores/ai-chat";

type Confirmation = Extract<ChatItem, { kind: "confirm" }>;

const item = (expiresInMs: number, patch: Partial<Confirmation> = {}): Confirmation => ({
  kind: "confirm",
  id: "k1",
  callId: "t1",
  tool: "scale_resource",
  arguments: { kind: "Deployment", name: "web", namespace: "shop", replicas: 5 },
  cluster: "demo",
  preview: {
    dryRun: true,
    changes: [
      {
        kind: "Deployment",
        namespace: "shop",
        name: "web",
        operation: "configured",
        before: null,
        after: null,
        diff: " spec:\n-  replicas: 3\n+  replicas: 5",
      },
    ],
  },
  expiresAt: new Date(Date.now() + expiresInMs).toISOString(),
  decision: "pending",
  ...patch,
});

describe("ConfirmAction", () => {
  afterEach(() => vi.useRealTimers());

  it("shows what changes where, and counts down to the automatic rejection", () => {
    vi.useFakeTimers();
    const onExpire = vi.fn();
    render(<ConfirmAction item={item(60_000)} onDecide={vi.fn()} onExpire={onExpire} />);
    expect(screen.getByRole("region", { name: /Approve this change\? Scale Deployment web in shop to 5 replicas/ })).toHaveTextContent(
      "Cluster demo, namespace shop",
    );
    expect(document.querySelector('[data-diff="add"]')).toHaveTextContent("+ replicas: 5", { normalizeWhitespace: true });
    expect(screen.getByRole("timer")).toHaveTextContent("Rejected automatically in 60 s");
    act(() => vi.advanceTimersByTime(5_000));
    expect(screen.getByRole("timer")).toHaveTextContent("Rejected automatically in 55 s");
    act(() => vi.advanceTimersByTime(55_000));
    expect(onExpire).toHaveBeenCalledWith("k1");
  });

  it("says which fields an apply takes over from which other manager", () => {
    const conflicted = item(60_000, {
      tool: "apply_yaml",
      arguments: { yaml: "kind: Deployment", namespace: "shop" },
    });
    conflicted.preview.changes[0].conflicts = [{ manager: "kube-controller-manager", field: "spec.replicas" }];
    render(<ConfirmAction item={conflicted} onDecide={vi.fn()} onExpire={vi.fn()} />);
    expect(screen.getByRole("note", { name: "Fields taken over in web" })).toHaveTextContent("Takes over spec.replicas from manager 'kube-controller-manager'");
  });

  it("shows no take-over note when no other manager owns a field", () => {
    render(<ConfirmAction item={item(60_000)} onDecide={vi.fn()} onExpire={vi.fn()} />);
    expect(screen.queryByRole("note")).toBeNull();
  });

  it("Approve and Reject report the decision for this confirmation", async () => {
    const onDecide = vi.fn();
    render(<ConfirmAction item={item(60_000)} onDecide={onDecide} onExpire={vi.fn()} />);
    await userEvent.click(screen.getByRole("button", { name: "Approve" }));
    expect(onDecide).toHaveBeenLastCalledWith("k1", true);
    await userEvent.click(screen.getByRole("button", { name: "Reject" }));
    expect(onDecide).toHaveBeenLastCalledWith("k1", false);
  });

  it("after the decision shows the outcome instead of the buttons", () => {
    const view = render(
      <ConfirmAction item={item(60_000, { decision: "approved", outcome: { ok: true, summary: "Scaled to 5" } })} onDecide={vi.fn()} onExpire={vi.fn()} />,
    );
    expect(screen.queryByRole("button", { name: "Approve" })).toBeNull();
    expect(screen.getByRole("status")).toHaveTextContent("Approved and done: Scaled to 5");
    // The server's own words for it are not repeated after ours.
    view.rerender(
      <ConfirmAction
        item={item(60_000, { decision: "approved", outcome: { ok: true, summary: "approved and done" } })}
        onDecide={vi.fn()}
        onExpire={vi.fn()}
      />,
    );
    expect(screen.getByRole("status")).toHaveTextContent(/^Approved and done\.$/);
    view.rerender(<ConfirmAction item={item(0, { decision: "expired" })} onDecide={vi.fn()} onExpire={vi.fn()} />);
    expect(screen.getByRole("status")).toHaveTextContent(/Expired: .* nothing was changed/);
    view.rerender(<ConfirmAction item={item(0, { decision: "rejected" })} onDecide={vi.fn()} onExpire={vi.fn()} />);
    expect(screen.getByRole("status")).toHaveTextContent("Rejected. Nothing was changed.");
  });

  it("lists what a delete removes", () => {
    render(
      <ConfirmAction
        item={item(30_000, {
          tool: "delete_resource",
          arguments: { kind: "Pod", name: "p", namespace: "shop" },
          preview: { dryRun: true, changes: [{ kind: "Pod", namespace: "shop", name: "p", operation: "deleted", before: null, after: null, diff: "" }] },
        })}
        onDecide={vi.fn()}
        onExpire={vi.fn()}
      />,
    );
    expect(screen.getByRole("list", { name: "Objects to delete" })).toHaveTextContent("Pod shop/p");
  });
});
