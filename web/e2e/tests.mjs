// The end-to-end scenarios, run by run.mjs. Each gets a fresh browser context and leaves a screenshot.
import assert from "node:assert/strict";
import { api, login } from "./helpers.mjs";
import { aiTests } from "./ai-tests.mjs";
import { chatUiTests } from "./chat-ui-tests.mjs";

const CRASHING_POD = "checkout-api-5d8f7b9c4-tq7wz";

export const tests = [
  {
    name: "logs in and lists the demo cluster, labelled as simulated",
    slug: "01-login",
    async run({ page, adminPassword }) {
      await login(page, "admin", adminPassword);
      const card = page.getByRole("listitem").filter({ hasText: "demo" });
      // A fresh server may not have run its first background health check yet: ask now.
      await card.getByRole("button", { name: "Check demo now" }).click();
      await card.getByText("Reachable").waitFor();
      await card.getByText("Demo (simulated)").first().waitFor();
      await card.getByText(/^v1\.\d+/).waitFor();
    },
  },
  {
    name: "a wrong password shows the server's error",
    slug: "02-wrong-password",
    async run({ page }) {
      await page.goto("/login");
      await page.getByLabel("Username").fill("admin");
      await page.getByLabel("Password").fill("definitely-not-the-password");
      await page.getByRole("button", { name: "Log in" }).click();
      const alert = page.getByRole("alert");
      await alert.waitFor();
      assert.match(await alert.innerText(), /password/i);
      assert.ok(page.url().endsWith("/login"), "still on the login page");
    },
  },
  {
    name: "finds the crash-looping pod and reads its logs",
    slug: "03-crashloop-logs",
    async run({ page, adminPassword }) {
      await login(page, "admin", adminPassword);
      await page.getByRole("link", { name: "demo", exact: true }).click();
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Pods" }).click();
      await page.getByRole("searchbox", { name: "Search by name or label" }).fill("checkout");
      const table = page.getByRole("table", { name: "Pod list" });
      const row = table.getByRole("row").filter({ hasText: CRASHING_POD });
      await row.getByText("CrashLoopBackOff").waitFor();
      await row.getByRole("link", { name: CRASHING_POD }).click();
      await page.getByRole("heading", { name: CRASHING_POD }).waitFor();
      await page.getByRole("tab", { name: "Logs" }).click();
      const logs = page.getByRole("log", { name: "Log lines" });
      await logs
        .getByText(/PAYMENTS_URL/)
        .first()
        .waitFor();
      assert.ok(await page.getByRole("combobox", { name: "Container" }).isVisible(), "a container choice is offered");
      // Following streams the logs; the simulated container writes nothing more, so the stream ends and says so.
      await page.getByRole("checkbox", { name: "Follow" }).check();
      await page.getByRole("button", { name: "Follow again" }).waitFor();
      assert.match(await logs.innerText(), /FATAL startup aborted/);
    },
  },
  {
    name: "scales a deployment and sees the audit entry",
    slug: "04-scale-audit",
    async run({ page, adminPassword }) {
      await login(page, "admin", adminPassword);
      await page.goto("/clusters/demo/resources/apps/deployments/web?namespace=shop");
      await page.getByRole("heading", { name: "web", exact: true }).waitFor();
      await page.getByRole("button", { name: "Scale" }).click();
      const dialog = page.getByRole("dialog", { name: /Scale Deployment web/ });
      await dialog.getByLabel("Replicas").fill("4");
      await dialog.getByRole("button", { name: "Scale" }).click();
      await dialog.waitFor({ state: "detached" });
      await page.getByRole("link", { name: "Settings" }).click();
      await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Audit log" }).click();
      await page.getByLabel("Action").fill("resource.scale");
      await page.getByRole("button", { name: "Filter" }).click();
      const entry = page.getByRole("table", { name: "Audit entries" }).getByRole("row").filter({ hasText: "deployments/web" }).first();
      await entry.waitFor();
      const text = await entry.innerText();
      assert.match(text, /resource\.scale/);
      assert.match(text, /success/);
      assert.match(text, /replicas=4/);
      await entry.getByRole("button", { name: /^Details of resource\.scale/ }).click();
      const details = page.getByRole("dialog", { name: /^Audit entry/ });
      assert.match(await details.getByLabel("Details").innerText(), /"replicas": 4/);
    },
  },
  {
    name: "a viewer is not offered Delete, and a crafted delete is refused",
    slug: "05-viewer-no-delete",
    async run({ page, adminPassword, newContext }) {
      await login(page, "admin", adminPassword);
      const username = `viewer-${Date.now().toString(36)}`;
      const password = "viewer-password-1";
      const user = await api(page, "POST", "/api/users", { username, password, displayName: "E2E Viewer" });
      assert.equal(user.status, 201, JSON.stringify(user.body));
      const roles = await api(page, "GET", "/api/rbac/roles");
      const viewer = roles.body.find((r) => r.name === "viewer");
      const binding = await api(page, "POST", "/api/rbac/bindings", { userId: user.body.id, roleId: viewer.id, clusters: ["*"], namespaces: ["*"] });
      assert.equal(binding.status, 201, JSON.stringify(binding.body));

      // The viewer, in a browser of their own; the screenshot is of this page.
      const viewerContext = await newContext();
      const viewerPage = await viewerContext.newPage();
      try {
        await login(viewerPage, username, password);
        const review = viewerPage.waitForResponse((r) => r.url().endsWith("/api/rbac/access-review"));
        await viewerPage.goto("/clusters/demo/resources/apps/deployments/web?namespace=shop");
        await viewerPage.getByRole("heading", { name: "web", exact: true }).waitFor();
        await review;
        await viewerPage.getByRole("tab", { name: "Summary" }).waitFor();
        assert.equal(await viewerPage.getByRole("button", { name: "Delete" }).count(), 0, "no Delete button for a viewer");
        assert.equal(await viewerPage.getByRole("button", { name: "Scale" }).count(), 0, "no Scale button for a viewer");
        assert.equal(await viewerPage.getByRole("link", { name: "Settings" }).count(), 0, "no Settings for a non-admin");

        const crafted = await api(viewerPage, "DELETE", "/api/clusters/demo/resources/deployments/web?group=apps&namespace=shop");
        assert.equal(crafted.status, 403, JSON.stringify(crafted.body));
        assert.equal(crafted.body.error.code, "rbac_denied");
        const still = await api(viewerPage, "GET", "/api/clusters/demo/resources/deployments/web?group=apps&namespace=shop");
        assert.equal(still.status, 200, "the deployment is still there");
        await viewerPage.screenshot({ path: new URL("./artifacts/05-viewer-no-delete-viewer.png", import.meta.url).pathname });
      } finally {
        await viewerContext.close();
      }
      const denied = await api(page, "GET", `/api/audit?actor=${username}&action=resource.delete`);
      assert.equal(denied.body.items[0]?.outcome, "denied", "the refusal is in the audit log");
      // Leave the admin page on the audit log of that refusal (the run's screenshot).
      await page.goto("/settings/audit");
      await page.getByLabel("Actor").fill(username);
      await page.getByRole("button", { name: "Filter" }).click();
      await page.getByRole("table", { name: "Audit entries" }).getByRole("row").filter({ hasText: "denied" }).first().waitFor();
    },
  },
  {
    name: "a 5,000-row pod table stays windowed and scrolls smoothly",
    slug: "06-5000-rows",
    async run({ page, adminPassword }) {
      await login(page, "admin", adminPassword);
      const now = new Date().toISOString();
      const items = Array.from({ length: 5000 }, (_, i) => ({
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name: `load-${String(i).padStart(4, "0")}`, namespace: `load-${i % 7}`, creationTimestamp: now, labels: { app: "load" } },
        spec: { nodeName: `node-${"abc"[i % 3]}`, containers: [{ name: "app" }] },
        status: { phase: "Running", containerStatuses: [{ name: "app", ready: true, restartCount: i % 4, state: { running: {} } }] },
      }));
      const type = { group: "", version: "v1", kind: "Pod", plural: "pods", namespaced: true, verbs: ["get", "list"], custom: false };
      // The demo cluster has a dozen pods; this page's list answer is replaced by 5,000.
      await page.route(/\/api\/clusters\/demo\/resources\/pods\?/, (route) =>
        route.fulfill({ json: { type, items, continueToken: null, resourceVersion: "1" } }),
      );
      await page.goto("/clusters/demo/resources/core/pods");
      await page.getByRole("table", { name: "Pod list" }).getByText("load-0000").waitFor();
      const stats = await page.evaluate(async () => {
        const el = document.querySelector('[data-testid="table-scroll"]');
        const frames = [];
        let maxRows = 0;
        await new Promise((r) => requestAnimationFrame(r));
        let last = performance.now();
        for (let i = 0; i < 300; i++) {
          el.scrollTop += 600; // ~17 rows a frame, a fast flick: 5,000 rows in 300 frames
          await new Promise((r) => requestAnimationFrame(r));
          const t = performance.now();
          frames.push(t - last);
          last = t;
          maxRows = Math.max(maxRows, el.querySelectorAll("tbody tr").length);
        }
        frames.sort((a, b) => a - b);
        return {
          maxRows,
          p50: frames[Math.floor(frames.length / 2)],
          p95: frames[Math.floor(frames.length * 0.95)],
          max: frames[frames.length - 1],
          bottom: el.scrollTop + el.clientHeight >= el.scrollHeight - 2,
        };
      });
      // The same scrolling on an empty page in this browser, now: what the machine allows at this moment.
      const floor = await page
        .context()
        .newPage()
        .then(async (blank) => {
          await blank.setContent("<div id=s style='height:700px;overflow:auto'><div style='height:400000px'></div></div>");
          const result = await blank.evaluate(async () => {
            const el = document.getElementById("s");
            const frames = [];
            await new Promise((r) => requestAnimationFrame(r));
            let last = performance.now();
            for (let i = 0; i < 120; i++) {
              el.scrollTop += 600;
              await new Promise((r) => requestAnimationFrame(r));
              const t = performance.now();
              frames.push(t - last);
              last = t;
            }
            frames.sort((a, b) => a - b);
            return { p50: frames[60], p95: frames[114] };
          });
          await blank.close();
          return result;
        });
      console.log(
        `    5,000 rows: at most ${stats.maxRows} rows in the DOM; frame time p50 ${stats.p50.toFixed(1)} ms, p95 ${stats.p95.toFixed(1)} ms, max ${stats.max.toFixed(1)} ms` +
          ` (empty page now: p50 ${floor.p50.toFixed(1)} ms, p95 ${floor.p95.toFixed(1)} ms)`,
      );
      assert.ok(stats.bottom, "scrolled to the end");
      await page.getByText("load-4999").waitFor();
      assert.ok(stats.maxRows < 100, `only a window of rows is rendered (${stats.maxRows})`);
      // At 60 Hz a frame is 16.7 ms. CI machines are shared, so the bounds follow what an empty
      // page manages at the same moment; the figures are printed above and in docs/benchmarks.md.
      const p50Limit = Math.max(34, 2 * floor.p50);
      const p95Limit = Math.max(120, 3 * floor.p95);
      assert.ok(stats.p50 < p50Limit, `median frame ${stats.p50.toFixed(1)} ms, limit ${p50Limit.toFixed(1)} ms`);
      assert.ok(stats.p95 < p95Limit, `95th percentile frame ${stats.p95.toFixed(1)} ms, limit ${p95Limit.toFixed(1)} ms`);
    },
  },
  ...aiTests,
  ...chatUiTests,
];
