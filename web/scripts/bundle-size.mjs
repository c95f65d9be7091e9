// Prints the gzipped size of the JavaScript the browser loads first (the entry script and the
// chunks index.html preloads) and of everything else, from web/dist. Run after `npm run build`:
//   npm run size            (fails when the initial JavaScript exceeds the 300 KB budget)
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";

const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "dist");
const budget = 300 * 1024;
const html = fs.readFileSync(path.join(dist, "index.html"), "utf8");
const initial = new Set([...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]));
const gz = (file) => zlib.gzipSync(fs.readFileSync(path.join(dist, file)), { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

const all = fs.readdirSync(path.join(dist, "assets")).map((f) => `assets/${f}`);
let initialJs = 0;
let initialCss = 0;
let lazyJs = 0;
let largestLazy = { file: "", size: 0 };
for (const file of all) {
  const size = gz(file);
  if (initial.has(file)) {
    if (file.endsWith(".js")) initialJs += size;
    else initialCss += size;
  } else if (file.endsWith(".js")) {
    lazyJs += size;
    if (size > largestLazy.size) largestLazy = { file, size };
  }
}
console.log(`initial JavaScript: ${kb(initialJs)} gzipped (budget ${kb(budget)}), CSS ${kb(initialCss)}`);
console.log(`lazy route chunks:  ${kb(lazyJs)} gzipped in all; largest ${largestLazy.file} ${kb(largestLazy.size)}`);
if (initialJs > budget) {
  console.error("initial JavaScript is over budget");
  process.exit(1);
}
