// End-to-end tests: playwright-core driving the system's Chromium against a running server with
// the demo cluster. `./dev test` starts the server and runs this; see docs/web.md.
//
//   E2E_BASE_URL        the server, e.g. http://localhost:18080
//   E2E_ADMIN_PASSWORD  the password of the bootstrap admin
//   CHROMIUM_PATH       default /usr/bin/chromium
//   E2E_CHAT=0          skip the chat scenarios (they need the chat WebSocket and the model stand-in)
//
// A scripted OpenAI-compatible model stand-in (model-stand-in.mjs) runs on 127.0.0.1 for the
// AI scenarios; tests get it as `model` and point the server's OpenAI provider at it.
// Prints one line per test and a summary, writes e2e/artifacts/<test>.png and junit-e2e.xml,
// and exits non-zero when a test fails.
import { chromium } from "playwright-core";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { tests } from "./tests.mjs";
import { startModelStandIn } from "./model-stand-in.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const artifacts = path.join(here, "artifacts");
const base = process.env.E2E_BASE_URL;
const adminPassword = process.env.E2E_ADMIN_PASSWORD;
if (!base || !adminPassword) {
  throw new Error("e2e: set E2E_BASE_URL and E2E_ADMIN_PASSWORD (./dev test does)");
}
fs.mkdirSync(artifacts, { recursive: true });

const only = process.argv[2];
const chatEnabled = process.env.E2E_CHAT !== "0";
const model = await startModelStandIn();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  headless: true,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
  ],
});

const results = [];
const skipped = [];
for (const test of tests.filter((t) => !only || t.name.includes(only))) {
  if (test.chat && !chatEnabled) {
    skipped.push(test);
    console.log(`- ${test.name} (skipped: E2E_CHAT=0)`);
    continue;
  }
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 860 }, bypassCSP: true });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const consoleErrors = [];
  page.on("pageerror", (e) => consoleErrors.push(e.message));
  const started = Date.now();
  let error = null;
  try {
    await Promise.race([
      test.run({
        page,
        browser,
        base,
        adminPassword,
        model,
        newContext: () => browser.newContext({ baseURL: base, viewport: { width: 1280, height: 860 }, bypassCSP: true }),
      }),
      // unref: a finished run must not wait for this timer to exit.
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error(`test timed out after ${(test.timeoutMs ?? 90_000) / 1000} s`)), test.timeoutMs ?? 90_000).unref(),
      ),
    ]);
    if (consoleErrors.length) throw new Error(`uncaught errors in the page: ${consoleErrors.join("; ")}`);
  } catch (e) {
    error = e;
  }
  const file = path.join(artifacts, `${test.slug}.png`);
  await page.screenshot({ path: file, fullPage: false }).catch(() => {});
  await context.close();
  const ms = Date.now() - started;
  results.push({ test, ms, error });
  console.log(
    `${error ? "✗" : "✓"} ${test.name} (${ms} ms)${
      error
        ? `\n    ${String(error.message ?? error)
            .split("\n")
            .slice(0, 6)
            .join("\n    ")}`
        : ""
    }`,
  );
}
await browser.close();
await model.close();

const failed = results.filter((r) => r.error);
const esc = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
fs.writeFileSync(
  path.join(artifacts, "junit-e2e.xml"),
  `<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="e2e" tests="${results.length}" failures="${failed.length}" time="${results.reduce((n, r) => n + r.ms, 0) / 1000}">\n` +
    results
      .map(
        (r) =>
          `  <testcase classname="e2e" name="${esc(r.test.name)}" time="${r.ms / 1000}">${r.error ? `<failure message="${esc(r.error.message)}"/>` : ""}</testcase>`,
      )
      .join("\n") +
    "\n</testsuite>\n",
);
console.log(
  `\nE2E Tests: ${results.length - failed.length} passed, ${failed.length} failed, ${skipped.length} skipped, ${results.length + skipped.length} total (screenshots in web/e2e/artifacts)`,
);
process.exitCode = failed.length ? 1 : 0;
