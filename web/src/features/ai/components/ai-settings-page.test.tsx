import { afterEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { fakeFetch, renderWithProviders } from "@/test/render";
import AiSettingsPage from "./ai-settings-page";

const config = {
  provider: "anthropic",
  model: "claude-sonnet-4-5",
  baseUrl: null,
  effectiveBaseUrl: "https://api.anthropic.com",
  toolsEnabled: true,
  apiKeySet: true,
  apiKeyLast4: "abcd",
  maxOutputTokens: 4096,
  embeddingModel: "all-minilm-l6-v2",
  updatedAt: "2026-12-01T10:00:00Z",
  updatedBy: "admin",
};
const rag = { model: "all-minilm-l6-v2", dimensions: 384, running: false, progress: null, chunks: 0, sources: [] };

function setup(extra: Parameters<typeof fakeFetch>[0] = []) {
  const fake = fakeFetch([
    ...extra,
    { path: "/api/ai/config", body: config },
    { method: "PUT", path: "/api/ai/config", body: { ...config, updatedAt: "2026-12-01T11:00:00Z" } },
    { path: "/api/ai/models", body: { provider: "anthropic", models: ["claude-sonnet-4-5", "claude-haiku-4-5"] } },
    { path: "/api/ai/rag/status", body: rag },
  ]);
  vi.stubGlobal("fetch", fake.fn);
  renderWithProviders(<AiSettingsPage />);
  return fake;
}

describe("AI settings page", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("shows only the end of a stored key and sends only what changed", async () => {
    const fake = setup();
    expect(await screen.findByLabelText("API key status")).toHaveTextContent("Set, ends in …abcd");
    expect(await screen.findByText("2 models offered by anthropic; any id can be typed.")).toBeInTheDocument();
    await userEvent.selectOptions(screen.getByLabelText("Provider"), "openai");
    await userEvent.type(screen.getByLabelText("Base URL"), "http://llm.internal:8000/v1");
    await userEvent.click(screen.getByRole("button", { name: "Enter key" }));
    await userEvent.type(screen.getByLabelText("API key", { selector: "input" }), "sk-new-key-1234");
    await userEvent.clear(screen.getByLabelText("Step limit"));
    await userEvent.type(screen.getByLabelText("Step limit"), "6");
    await userEvent.click(screen.getByRole("button", { name: "Save" }));
    await screen.findByText("Saved.");
    const put = fake.calls.find((c) => c.method === "PUT");
    expect(put?.body).toEqual({ provider: "openai", baseUrl: "http://llm.internal:8000/v1", apiKey: "sk-new-key-1234", maxToolSteps: 6 });
  });

  it("Clear key sends an empty key, and write tools can be turned off", async () => {
    const fake = setup();
    await userEvent.click(await screen.findByRole("button", { name: "Clear key" }));
    expect(screen.getByLabelText("API key status")).toHaveTextContent("Will be removed when you save.");
    await userEvent.click(screen.getByRole("checkbox", { name: /Allow write tools/ }));
    await userEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(fake.calls.find((c) => c.method === "PUT")?.body).toEqual({ apiKey: "", writeToolsEnabled: false }));
  });

  it("query rewriting is off until turned on, and then sent alone", async () => {
    const fake = setup();
    const box = await screen.findByRole("checkbox", { name: /into search queries first/ });
    expect(box).not.toBeChecked();
    await userEvent.click(box);
    await userEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(fake.calls.find((c) => c.method === "PUT")?.body).toEqual({ queryRewriting: true }));
  });

  it("a failed connection test says what happened and what to do", async () => {
    const fake = setup([
      {
        method: "POST",
        path: "/api/ai/config/test",
        body: {
          ok: false,
          provider: "anthropic",
          model: "claude-sonnet-4-5",
          latencyMs: 80,
          reply: null,
          errorCode: "network",
          errorMessage: "Could not reach Anthropic.",
          providerMessage: null,
        },
      },
    ]);
    await userEvent.click(await screen.findByRole("button", { name: "Test connection" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Connection failed (network)");
    expect(alert).toHaveTextContent("Could not reach Anthropic.");
    expect(alert).toHaveTextContent("What to do: Check the base URL");
    expect(fake.calls.find((c) => c.url === "/api/ai/config/test")?.body).toEqual({});
  });

  it("asks for the key, not the network, when models cannot be listed because no key is set", async () => {
    vi.stubGlobal(
      "fetch",
      fakeFetch([
        { path: "/api/ai/config", body: { ...config, apiKeySet: false, apiKeyLast4: null } },
        {
          path: "/api/ai/models",
          status: 502,
          body: { error: { code: "provider_not_configured", message: "No Anthropic API key is set — add one in Settings → AI Assistant." } },
        },
        { path: "/api/ai/rag/status", body: rag },
      ]).fn,
    );
    renderWithProviders(<AiSettingsPage />);
    expect(await screen.findByText("Enter the API key and save to list this provider's models, or type the model id.")).toBeInTheDocument();
  });

  it("takes the model as free text when the server cannot list models", async () => {
    vi.stubGlobal(
      "fetch",
      fakeFetch([
        { path: "/api/ai/config", body: config },
        { path: "/api/ai/rag/status", body: rag },
      ]).fn,
    );
    renderWithProviders(<AiSettingsPage />);
    expect(await screen.findByText("Type the model id (this server does not list models).")).toBeInTheDocument();
    expect(screen.getByLabelText("Model")).toHaveValue("claude-sonnet-4-5");
  });
});
