// The end-to-end scenarios, run by run.mjs. Each gets a fresh browser context and leaves a screenshot.
import assert from "node:assert/strict";

const CRASHING_POD = "checkout-api-5d8f7b9c4-tq7wz";

async function login(page, username, password) {
  await page.goto("/login");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.getByRole("heading", { name: "Clusters" }).waitFor();
}

/** A call to the API from inside the logged-in page, with the CSRF header the SPA sends. */
async function api(page, method, url, body) {
  return page.evaluate(
    async ({ method, url, body }) => {
      const token = document.cookie.split("; ").find((c) => c.startsWith("XSRF-TOKEN="))?.slice(11);
      const response = await fetch(url, {
        method,
        headers: { "Content-Type": "application/json", ...(token ? { "X-XSRF-TOKEN": decodeURIComponent(token) } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : null };
    },
    { method, url, body },
  );
}

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
      const logs = page.getByLabel("Logs", { exact: true });
      await logs.getByText(/PAYMENTS_URL/).first().waitFor();
      assert.ok(await page.getByRole("combobox", { name: "Container" }).isVisible(), "a container choice is offered");
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
      // Leave the admin page on the audit log of that refusal.
      await page.goto("/settings/audit");
    },
  },
];
