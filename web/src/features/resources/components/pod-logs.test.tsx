import { afterEach, describe, expect, it, vi } from "vitest";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderWithProviders } from "@/test/render";
import { lastLines } from "@/features/resources/api/resources";
import type { KubeObject } from "@/types/api";
import { PodLogs } from "./pod-logs";

const pod: KubeObject = { kind: "Pod", metadata: { name: "web-1", namespace: "shop" }, spec: { containers: [{ name: "web" }] } };

/** A fetch whose follow=true answer is a stream the test writes to, line by line. */
function streamingFetch() {
  let push: (text: string) => void = () => {};
  let end: () => void = () => {};
  const urls: string[] = [];
  const fn = async (input: RequestInfo | URL) => {
    const url = String(input);
    urls.push(url);
    if (!url.includes("follow=true")) return new Response("old line\n", { status: 200 });
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        push = (text) => controller.enqueue(encoder.encode(text));
        end = () => controller.close();
      },
    });
    return new Response(body, { status: 200, headers: { "Content-Type": "text/plain" } });
  };
  return { fn, urls, push: (t: string) => push(t), end: () => end() };
}

describe("PodLogs", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("follows: each streamed line appears as it arrives, and the end of the stream is said", async () => {
    const server = streamingFetch();
    vi.stubGlobal("fetch", server.fn);
    renderWithProviders(<PodLogs cluster="demo" pod={pod} />);
    expect(await screen.findByRole("log", { name: "Log lines" })).toHaveTextContent("old line");

    await userEvent.click(screen.getByRole("checkbox", { name: "Follow" }));
    await vi.waitFor(() => expect(server.urls.some((u) => u.includes("follow=true") && u.includes("container=web"))).toBe(true));
    server.push("GET /healthz 200\n");
    expect(await screen.findByText(/GET \/healthz 200/)).toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent("Following");
    server.push("GET /checkout 500\n");
    expect(await screen.findByText(/GET \/checkout 500/)).toBeInTheDocument();

    server.end();
    expect(await screen.findByRole("button", { name: "Follow again" })).toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent("The stream ended");
  });

  it("does not offer to follow the previous run", async () => {
    vi.stubGlobal("fetch", streamingFetch().fn);
    renderWithProviders(<PodLogs cluster="demo" pod={pod} />);
    await userEvent.click(screen.getByRole("checkbox", { name: "Previous run" }));
    expect(screen.getByRole("checkbox", { name: "Follow" })).toBeDisabled();
  });
});

describe("lastLines", () => {
  it("keeps the newest lines only", () => {
    expect(lastLines("a\nb\nc\n", 2)).toBe("b\nc\n");
    expect(lastLines("a\nb\nc", 2)).toBe("b\nc");
    expect(lastLines("a\nb\n", 5)).toBe("a\nb\n");
  });
});
