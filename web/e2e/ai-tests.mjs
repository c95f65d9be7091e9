// The assistant's end-to-end scenarios: the AI settings page (runs now) and the chat panel against
// the server's chat WebSocket with the scripted model stand-in (`chat: true`: skipped with E2E_CHAT=0).
import assert from "node:assert/strict";
import { api, login } from "./helpers.mjs";
import { checkA11y } from "./axe.mjs";
import { GOOD_KEY, MODEL } from "./model-stand-in.mjs";

const CRASHING_POD = "checkout-api-5d8f7b9c4-tq7wz";
const shot = (page, name) => page.screenshot({ path: new URL(`./artifacts/${name}.png`, import.meta.url).pathname });

/** The server's OpenAI provider pointed at the stand-in, through the API (what the settings page does). */
async function useStandIn(page, model) {
  const put = await api(page, "PUT", "/api/ai/config", { provider: "openai", baseUrl: `${model.url}/v1`, apiKey: GOOD_KEY, model: MODEL, toolsEnabled: true });
  assert.equal(put.status, 200, JSON.stringify(put.body));
}

async function openAssistant(page) {
  await page.getByRole("button", { name: "Open assistant" }).click();
  const drawer = page.getByRole("complementary", { name: "Assistant" });
  await drawer.getByRole("textbox", { name: "Message" }).waitFor();
  // The socket is open when the banner has gone.
  await drawer.getByText("Connecting to the assistant…").waitFor({ state: "detached" });
  return drawer;
}

async function newViewer(page) {
  const username = `viewer-${Date.now().toString(36)}`;
  const password = "viewer-password-1";
  const user = await api(page, "POST", "/api/users", { username, password, displayName: "E2E Viewer" });
  assert.equal(user.status, 201, JSON.stringify(user.body));
  const roles = await api(page, "GET", "/api/rbac/roles");
  const viewer = roles.body.find((r) => r.name === "viewer");
  const binding = await api(page, "POST", "/api/rbac/bindings", { userId: user.body.id, roleId: viewer.id, clusters: ["*"], namespaces: ["*"] });
  assert.equal(binding.status, 201, JSON.stringify(binding.body));
  return { username, password };
}

async function replicasOfWeb(page) {
  const r = await api(page, "GET", "/api/clusters/demo/resources/deployments/web?group=apps&namespace=shop");
  return r.body.spec.replicas;
}

/**
 * The last request to the model that carried a tool result: the turn's follow-up call (a server may
 * also ask the model for other things, e.g. a title, in between).
 */
function lastToolResult(model) {
  const request = model
    .chatRequests()
    .filter((r) => r.body?.messages?.some((m) => m.role === "tool"))
    .at(-1);
  assert.ok(request, "the model was called with a tool result");
  return { body: request.body, tool: request.body.messages.filter((m) => m.role === "tool").at(-1) };
}

const scaleRule = (when, replicas, answer) => ({
  when,
  steps: [{ toolCalls: [{ name: "scale_resource", arguments: { kind: "Deployment", name: "web", namespace: "shop", replicas } }] }, { text: answer }],
});

export const aiTests = [
  // ---------------------------------------------------------------- settings (against the real server now)
  {
    name: "AI settings: switches to an OpenAI-compatible server, saves a write-only key, lists its models and tests the connection",
    slug: "10-ai-settings-provider",
    async run({ page, adminPassword, model }) {
      await login(page, "admin", adminPassword);
      assert.equal((await api(page, "PUT", "/api/ai/config", { provider: "anthropic", apiKey: "" })).status, 200);
      await page.getByRole("link", { name: "Settings" }).click();
      await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "AI Assistant" }).click();
      await page.getByRole("heading", { name: "AI Assistant" }).waitFor();

      await page.getByLabel("Provider").selectOption("openai");
      await page.getByLabel("Base URL").fill(`${model.url}/v1`);
      await page.getByRole("button", { name: "Enter key" }).click();
      await page.getByLabel("API key", { exact: true }).fill(GOOD_KEY);
      await page.getByLabel("Model").fill(MODEL);
      await page.getByLabel("Step limit").fill("12");
      await page.getByRole("button", { name: "Save" }).click();
      await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
      // Write-only: the page shows only the key's end, and so does the API.
      await page
        .getByLabel("API key status")
        .filter({ hasText: `Set, ends in …${GOOD_KEY.slice(-4)}` })
        .waitFor();
      const config = await api(page, "GET", "/api/ai/config");
      assert.equal(config.body.provider, "openai");
      assert.equal(config.body.baseUrl, `${model.url}/v1`);
      assert.equal(config.body.apiKeyLast4, GOOD_KEY.slice(-4));
      assert.ok(!JSON.stringify(config.body).includes(GOOD_KEY), "the key never comes back");
      // The model list comes from the provider (the stand-in's GET /v1/models).
      await page.getByText("2 models offered by openai").waitFor();
      assert.ok(
        model.requests.some((r) => r.path === "/v1/models" && r.authorization === `Bearer ${GOOD_KEY}`),
        "the server asked the stand-in for its models with the key",
      );

      const before = model.chatRequests().length;
      await page.getByRole("button", { name: "Test connection" }).click();
      await page.getByText(new RegExp(`Connected: ${MODEL} answered in \\d+ ms`)).waitFor();
      const sent = model.chatRequests().slice(before);
      assert.equal(sent.length, 1, "one real call to the model");
      assert.equal(sent[0].authorization, `Bearer ${GOOD_KEY}`);
      assert.equal(sent[0].body.model, MODEL);
      await checkA11y(page, "main", "the AI settings page");
    },
  },
  {
    name: "AI settings: a refused key is explained with what to do, and nothing is saved",
    slug: "11-ai-settings-refused-key",
    async run({ page, adminPassword, model }) {
      await login(page, "admin", adminPassword);
      await useStandIn(page, model);
      await page.goto("/settings/ai");
      await page.getByRole("button", { name: "Replace key" }).click();
      await page.getByLabel("API key", { exact: true }).fill("sk-e2e-wrong-key");
      const before = model.requests.length;
      await page.getByRole("button", { name: "Test connection" }).click();
      const alert = page.getByRole("alert").filter({ hasText: "Connection failed" });
      await alert.waitFor();
      const text = await alert.innerText();
      assert.match(text, /authentication/);
      assert.match(text, /What to do: Check the API key/);
      assert.match(text, /Incorrect API key provided/, "the provider's own words are shown");
      assert.ok(
        model.requests.slice(before).some((r) => r.authorization === "Bearer sk-e2e-wrong-key"),
        "the unsaved key was the one tried",
      );
      assert.equal((await api(page, "GET", "/api/ai/config")).body.apiKeyLast4, GOOD_KEY.slice(-4), "the stored key is unchanged");
    },
  },
  {
    name: "AI settings: Reindex shows the run's progress, then the index's new state",
    slug: "12-ai-settings-reindex",
    async run({ page, adminPassword }) {
      await login(page, "admin", adminPassword);
      await page.goto("/settings/ai");
      const index = page.locator("section", { hasText: "Documentation index" });
      await index.getByRole("table", { name: "Index sources" }).getByText("docs", { exact: true }).waitFor();
      // The server also indexes on its own (30 s after start): if that run is going, wait and ask again.
      let before;
      for (let attempt = 0; ; attempt++) {
        await page.getByRole("button", { name: "Reindex" }).waitFor();
        before = (await api(page, "GET", "/api/ai/rag/status")).body.progress?.startedAt ?? null;
        const answer = page.waitForResponse((r) => r.url().endsWith("/api/ai/rag/reindex"));
        await page.getByRole("button", { name: "Reindex" }).click();
        const body = await (await answer).json();
        if (body.started) break;
        assert.ok(attempt < 5, "a reindex could be started");
        await page.getByRole("status").filter({ hasText: "An index run is already in progress." }).waitFor();
        await page.getByRole("button", { name: "Reindex" }).waitFor({ timeout: 60_000 });
      }
      const progress = page.getByRole("progressbar", { name: "Indexing progress" });
      // A small index can be done before the page shows it running: then there is no bar to see.
      const seen = await progress.waitFor({ timeout: 5_000 }).then(
        () => true,
        () => false,
      );
      if (seen) {
        await shot(page, "12-ai-settings-reindex-progress");
        await progress.waitFor({ state: "detached", timeout: 60_000 });
      } else console.log("    the run finished before the progress bar could be seen");
      await page.getByRole("button", { name: "Reindex" }).waitFor();
      const status = await api(page, "GET", "/api/ai/rag/status");
      assert.equal(status.body.progress.state, "done");
      assert.equal(status.body.progress.trigger, "requested by admin");
      assert.notEqual(status.body.progress.startedAt, before, "a new run happened");
      assert.match(await index.innerText(), /Last run\s*\d+s ago/);
    },
  },
  {
    name: "AI settings: a viewer does not see the page and the API refuses a change",
    slug: "13-ai-settings-viewer",
    async run({ page, adminPassword, newContext }) {
      await login(page, "admin", adminPassword);
      const viewer = await newViewer(page);
      const context = await newContext();
      const viewerPage = await context.newPage();
      try {
        await login(viewerPage, viewer.username, viewer.password);
        await viewerPage.goto("/settings/ai");
        await viewerPage.getByRole("heading", { name: "Administrators only" }).waitFor();
        assert.equal(await viewerPage.getByLabel("Provider").count(), 0);
        const put = await api(viewerPage, "PUT", "/api/ai/config", { provider: "ollama" });
        assert.equal(put.status, 403);
        await shot(viewerPage, "13-ai-settings-viewer");
      } finally {
        await context.close();
      }
    },
  },

  // ---------------------------------------------------------------- chat (the real chat WebSocket and the model stand-in)
  {
    chat: true,
    name: "chat: asks about a crash-looping pod from its page; the answer streams after the assistant reads its logs",
    slug: "20-chat-ask-resource",
    async run({ page, adminPassword, model }) {
      await login(page, "admin", adminPassword);
      await useStandIn(page, model);
      model.setRules([
        {
          when: /Why is this pod failing/,
          steps: [
            { toolCalls: [{ name: "get_logs", arguments: { namespace: "shop", pod: CRASHING_POD, previous: true } }] },
            {
              tokenDelayMs: 40,
              text:
                "## Cause\n\nThe container exits at start because **`PAYMENTS_URL` is not set**:\n\n" +
                "| line | says |\n|---|---|\n| ERROR | required environment variable PAYMENTS_URL is not set |\n\n" +
                "Set it on the deployment:\n\n```shell\nkubectl -n shop set env deployment/checkout-api PAYMENTS_URL=http://payments-api.payments:8080\n```\n\n<script>window.__pwned = true</script>",
            },
          ],
        },
      ]);
      await page.goto(`/clusters/demo/resources/core/pods/${CRASHING_POD}?namespace=shop`);
      await page.getByRole("heading", { name: CRASHING_POD }).waitFor();
      // As a person would: the pod's state is on screen before asking about it.
      await page.getByText("CrashLoopBackOff").first().waitFor();
      await page.getByRole("button", { name: "Ask AI about this resource" }).click();
      const drawer = page.getByRole("complementary", { name: "Assistant" });
      const box = drawer.getByRole("textbox", { name: "Message" });
      await box.waitFor();
      assert.equal(await box.inputValue(), "Why is this pod failing?");
      assert.match(await drawer.innerText(), new RegExp(`demo › shop › Pod ${CRASHING_POD}`), "the context chip names the pod");
      await drawer.getByText("Connecting to the assistant…").waitFor({ state: "detached" });
      await box.press("Enter");

      await drawer
        .getByRole("log", { name: "Messages" })
        .getByText(/Read previous logs of checkout-api/)
        .waitFor();
      const reply = drawer.getByRole("article", { name: "Assistant said" }).last();
      // Streaming: part of the answer is on screen while the rest is still coming.
      await reply.and(page.locator('[aria-busy="true"]')).waitFor();
      const partial = await reply.innerText();
      await reply.and(page.locator('[aria-busy="false"]')).waitFor({ timeout: 30_000 });
      const full = await reply.innerText();
      assert.ok(partial.length < full.length, "the reply grew while it streamed");
      assert.match(full, /PAYMENTS_URL/);
      assert.ok(await reply.getByRole("table").isVisible(), "markdown table rendered");
      assert.ok(await reply.getByRole("figure", { name: "shell code" }).isVisible(), "code block rendered");
      assert.match(full, /<script>window.__pwned = true<\/script>/, "raw HTML is shown as text");
      assert.equal(await page.evaluate(() => window.__pwned ?? false), false);

      // What the model was sent: the page's context, and the tool result with the real log lines.
      const { body, tool } = lastToolResult(model);
      assert.match(JSON.stringify(body.messages), new RegExp(CRASHING_POD), "the pod on screen was in the prompt");
      assert.match(JSON.stringify(tool), /PAYMENTS_URL is not set/);
      await checkA11y(page, "#assistant-drawer", "the chat panel");
    },
  },
  {
    chat: true,
    name: "chat: a scale asks for approval with the diff; Approve changes the deployment, on its page and in the audit log",
    slug: "21-chat-approve",
    async run({ page, adminPassword, model }) {
      await login(page, "admin", adminPassword);
      await useStandIn(page, model);
      model.setRules([scaleRule(/scale web to 5/i, 5, "Done: web in shop now has 5 replicas.")]);
      await page.goto("/clusters/demo/resources/apps/deployments/web?namespace=shop");
      await page.getByRole("heading", { name: "web", exact: true }).waitFor();
      const before = await replicasOfWeb(page);
      const drawer = await openAssistant(page);
      await drawer.getByRole("textbox", { name: "Message" }).fill("Please scale web to 5 replicas");
      await drawer.getByRole("button", { name: "Send" }).click();

      const confirm = drawer.getByRole("region", { name: /Approve this change\? Scale Deployment web in shop to 5 replicas/ });
      await confirm.waitFor();
      assert.match(await confirm.innerText(), /Cluster demo, namespace shop/);
      assert.match(await confirm.locator('[data-diff="add"]').first().innerText(), /replicas: 5/);
      const timer = confirm.getByRole("timer", { name: "Time left to decide" });
      const t1 = await timer.innerText();
      await page.waitForTimeout(1200);
      assert.notEqual(await timer.innerText(), t1, "the countdown runs");
      assert.equal(await replicasOfWeb(page), before, "nothing changed before the approval");
      await checkA11y(page, "#assistant-drawer", "an open confirmation");
      await shot(page, "21-chat-approve-confirmation");

      await confirm.getByRole("button", { name: "Approve" }).click();
      await confirm.getByText(/Approved and done/).waitFor();
      await drawer.getByRole("log", { name: "Messages" }).getByText("Done: web in shop now has 5 replicas.").waitFor();
      assert.equal(await replicasOfWeb(page), 5);
      await page.getByRole("tab", { name: "YAML" }).click();
      await page.getByLabel("YAML", { exact: true }).getByText("replicas: 5").first().waitFor();
      const audit = await api(page, "GET", "/api/audit?action=resource.scale&actor=admin");
      const entry = audit.body.items.find((e) => e.target?.includes("web"));
      assert.ok(entry, "the scale is in the audit log");
      assert.equal(entry.outcome, "success");
      assert.match(JSON.stringify(entry.details), /assistant/, "the audit entry says it came through the assistant");
      await api(page, "POST", "/api/clusters/demo/resources/deployments/web/scale", { replicas: before, namespace: "shop" });
    },
  },
  {
    chat: true,
    name: "chat: Reject leaves the deployment as it was and says so",
    slug: "22-chat-reject",
    async run({ page, adminPassword, model }) {
      await login(page, "admin", adminPassword);
      await useStandIn(page, model);
      model.setRules([scaleRule(/scale web to 9/i, 9, "Understood, I left web as it is.")]);
      await page.goto("/clusters/demo/resources/apps/deployments/web?namespace=shop");
      const before = await replicasOfWeb(page);
      const drawer = await openAssistant(page);
      await drawer.getByRole("textbox", { name: "Message" }).fill("scale web to 9");
      await drawer.getByRole("textbox", { name: "Message" }).press("Enter");
      const confirm = drawer.getByRole("region", { name: /Approve this change\?/ });
      // Keyboard alone: Tab to Reject and press it.
      await confirm.getByRole("button", { name: "Reject" }).focus();
      await page.keyboard.press("Enter");
      await confirm.getByText("Rejected. Nothing was changed.").waitFor();
      await drawer.getByRole("log", { name: "Messages" }).getByText("Understood, I left web as it is.").waitFor();
      assert.equal(await replicasOfWeb(page), before);
      assert.match(JSON.stringify(lastToolResult(model).tool), /reject/i, "the model was told the user rejected it");
    },
  },
  {
    chat: true,
    timeoutMs: 150_000,
    name: "chat: a confirmation left alone expires after its countdown and nothing changes",
    slug: "23-chat-expire",
    async run({ page, adminPassword, model }) {
      await login(page, "admin", adminPassword);
      await useStandIn(page, model);
      model.setRules([scaleRule(/scale web to 7/i, 7, "The change was not approved in time, so I did not make it.")]);
      await page.goto("/clusters/demo/resources/apps/deployments/web?namespace=shop");
      const before = await replicasOfWeb(page);
      const drawer = await openAssistant(page);
      await drawer.getByRole("textbox", { name: "Message" }).fill("scale web to 7");
      await drawer.getByRole("textbox", { name: "Message" }).press("Enter");
      const confirm = drawer.getByRole("region", { name: /Approve this change\?/ });
      await confirm.waitFor();
      await confirm.getByText(/Expired: not approved within the time limit/).waitFor({ timeout: 75_000 });
      await drawer.getByRole("log", { name: "Messages" }).getByText("The change was not approved in time, so I did not make it.").waitFor({ timeout: 15_000 });
      assert.equal(await replicasOfWeb(page), before);
    },
  },
  {
    chat: true,
    name: "chat: a viewer's write is refused by the server and the refusal is explained",
    slug: "24-chat-viewer-refused",
    async run({ page, adminPassword, model, newContext }) {
      await login(page, "admin", adminPassword);
      await useStandIn(page, model);
      const viewer = await newViewer(page);
      model.setRules([
        {
          when: /delete the checkout pod/i,
          steps: [
            { toolCalls: [{ name: "delete_resource", arguments: { kind: "Pod", name: CRASHING_POD, namespace: "shop" } }] },
            { text: "I can't delete it: your role does not allow deleting pods in shop. Ask an administrator." },
          ],
        },
      ]);
      const context = await newContext();
      const viewerPage = await context.newPage();
      try {
        await login(viewerPage, viewer.username, viewer.password);
        await viewerPage.goto(`/clusters/demo/resources/core/pods/${CRASHING_POD}?namespace=shop`);
        const drawer = await openAssistant(viewerPage);
        await drawer.getByRole("textbox", { name: "Message" }).fill("delete the checkout pod");
        await drawer.getByRole("textbox", { name: "Message" }).press("Enter");
        await drawer
          .getByRole("log", { name: "Messages" })
          .getByText(/your role does not allow deleting pods/)
          .waitFor();
        assert.equal(await drawer.getByRole("button", { name: "Approve" }).count(), 0, "no approval offered for a refused write");
        assert.match(
          await drawer
            .getByText(/Delete Pod/)
            .first()
            .innerText(),
          /Delete Pod/,
        );
        assert.match(JSON.stringify(lastToolResult(model).tool), /denied|not allowed|forbidden|rbac/i);
        const still = await api(viewerPage, "GET", `/api/clusters/demo/resources/pods/${CRASHING_POD}?namespace=shop`);
        assert.equal(still.status, 200, "the pod is still there");
        await shot(viewerPage, "24-chat-viewer-refused-viewer");
      } finally {
        await context.close();
      }
      const denied = await api(page, "GET", `/api/audit?actor=${viewer.username}`);
      assert.ok(
        denied.body.items.some((e) => e.outcome === "denied"),
        "the refusal is audited",
      );
    },
  },
  {
    chat: true,
    name: "chat: Stop ends a reply mid-stream and keeps what was written",
    slug: "25-chat-stop",
    async run({ page, adminPassword, model }) {
      await login(page, "admin", adminPassword);
      await useStandIn(page, model);
      const long = Array.from({ length: 400 }, (_, i) => `word${i}`).join(" ");
      model.setRules([{ when: /long essay/, steps: [{ text: long, tokenDelayMs: 50 }] }]);
      await page.goto("/clusters/demo");
      const drawer = await openAssistant(page);
      await drawer.getByRole("textbox", { name: "Message" }).fill("write a long essay about pods");
      await drawer.getByRole("textbox", { name: "Message" }).press("Enter");
      await drawer
        .getByRole("log", { name: "Messages" })
        .getByText(/word20/)
        .waitFor();
      await drawer.getByRole("button", { name: "Stop" }).click();
      await drawer
        .getByRole("log", { name: "Messages" })
        .getByText(/^Stopped\./)
        .waitFor();
      const reply = drawer.getByRole("article", { name: "Assistant said" }).last();
      const atStop = (await reply.innerText()).length;
      await page.waitForTimeout(1500);
      assert.equal((await reply.innerText()).length, atStop, "nothing more arrives after Stop");
      assert.ok(!(await reply.innerText()).includes("word399"), "the reply was cut short");
      await drawer.getByRole("button", { name: "Send" }).waitFor();
    },
  },
  {
    chat: true,
    name: "chat: after a reload the conversation is in the sidebar and opens with its messages",
    slug: "26-chat-history",
    async run({ page, adminPassword, model }) {
      await login(page, "admin", adminPassword);
      await useStandIn(page, model);
      const marker = `ledger-${Date.now().toString(36)}`;
      model.setRules([{ when: new RegExp(marker), steps: [{ text: `The ledger pod (${marker}) asks for 16 CPUs; no node has that many.` }] }]);
      await page.goto("/clusters/demo");
      let drawer = await openAssistant(page);
      await drawer.getByRole("textbox", { name: "Message" }).fill(`Why is the ledger pod Pending? ${marker}`);
      await drawer.getByRole("textbox", { name: "Message" }).press("Enter");
      await drawer
        .getByRole("log", { name: "Messages" })
        .getByText(/no node has that many/)
        .waitFor();

      await page.reload();
      drawer = await openAssistant(page);
      await drawer.getByRole("button", { name: "Conversations" }).click();
      const list = drawer.getByRole("navigation", { name: "Conversations" });
      await list.getByRole("searchbox", { name: "Search conversations" }).fill(marker);
      await list
        .getByRole("button", { name: new RegExp(marker) })
        .first()
        .click();
      await drawer
        .getByRole("log", { name: "Messages" })
        .getByText(/no node has that many/)
        .waitFor();
      await drawer.getByRole("article", { name: "You said" }).getByText(marker).waitFor();
      await shot(page, "26-chat-history");
    },
  },
  {
    chat: true,
    name: "chat: Apply on a YAML code block shows the server's dry-run diff before anything is written",
    slug: "27-chat-apply-yaml",
    async run({ page, adminPassword, model }) {
      await login(page, "admin", adminPassword);
      await useStandIn(page, model);
      const name = `e2e-chat-${Date.now().toString(36)}`;
      model.setRules([
        {
          when: /configmap/i,
          steps: [
            {
              text: `Here it is:\n\n\`\`\`yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: shop\ndata:\n  mode: demo\n\`\`\`\n`,
            },
          ],
        },
      ]);
      await page.goto("/clusters/demo/resources/core/configmaps");
      const drawer = await openAssistant(page);
      await drawer.getByRole("textbox", { name: "Message" }).fill("write me a configmap for shop");
      await drawer.getByRole("textbox", { name: "Message" }).press("Enter");
      const block = drawer.getByRole("figure", { name: "yaml code" });
      await block.getByRole("button", { name: "Apply" }).click();
      const dialog = page.getByRole("dialog", { name: "Apply to cluster demo" });
      const preview = dialog.getByRole("region", { name: "Dry-run preview" });
      await preview.waitFor();
      assert.match(await preview.innerText(), /created/);
      const before = await api(page, "GET", `/api/clusters/demo/resources/configmaps/${name}?namespace=shop`);
      assert.equal(before.status, 404, "the dry run wrote nothing");
      await shot(page, "27-chat-apply-yaml-preview");
      await dialog.getByRole("button", { name: "Apply" }).click();
      await dialog.getByRole("status").filter({ hasText: "Applied." }).waitFor();
      const after = await api(page, "GET", `/api/clusters/demo/resources/configmaps/${name}?namespace=shop`);
      assert.equal(after.status, 200);
    },
  },
];
