// Accessibility check with axe-core, injected into the page under test. Fails on serious or
// critical violations within `selector` (e.g. the chat panel) and returns the lesser ones.
import assert from "node:assert/strict";
import { createRequire } from "node:module";

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

export async function checkA11y(page, selector, what) {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async (sel) => {
    const result = await window.axe.run(sel, {
      resultTypes: ["violations"],
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
    });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
  }, selector);
  const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  assert.equal(
    bad.length,
    0,
    `axe found serious/critical problems on ${what}:\n${bad.map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.join(", ")}`).join("\n")}`,
  );
  return violations;
}
