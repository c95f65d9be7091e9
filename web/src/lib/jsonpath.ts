/**
 * The small subset of Kubernetes JSONPath that printer columns and plugin columns use:
 * `.a.b`, `['a.b']`, `[0]`, `[*]` and filters `[?(@.type=="Ready")]` (==, !=).
 * Returns every match; an unsupported expression returns no match instead of throwing.
 */
type Step =
  { kind: "field"; name: string } | { kind: "index"; index: number } | { kind: "all" } | { kind: "filter"; path: string[]; op: "==" | "!="; value: string };

export function parseJsonPath(expression: string): Step[] | null {
  let expr = expression.trim();
  if (expr.startsWith("{") && expr.endsWith("}")) expr = expr.slice(1, -1).trim();
  if (expr.startsWith("$")) expr = expr.slice(1);
  const steps: Step[] = [];
  let i = 0;
  while (i < expr.length) {
    const c = expr[i];
    if (c === ".") {
      const m = /^\.([A-Za-z0-9_\-$]+)/.exec(expr.slice(i));
      if (!m) return null;
      steps.push({ kind: "field", name: m[1] });
      i += m[0].length;
    } else if (c === "[") {
      const end = findClose(expr, i);
      if (end < 0) return null;
      const inner = expr.slice(i + 1, end).trim();
      const step = parseBracket(inner);
      if (!step) return null;
      steps.push(step);
      i = end + 1;
    } else {
      return null;
    }
  }
  return steps;
}

function findClose(expr: string, open: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = open; i < expr.length; i++) {
    const c = expr[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === "[" || c === "(") depth++;
    else if (c === "]" || c === ")") {
      depth--;
      if (depth === 0 && c === "]") return i;
    }
  }
  return -1;
}

function parseBracket(inner: string): Step | null {
  if (inner === "*") return { kind: "all" };
  if (/^-?\d+$/.test(inner)) return { kind: "index", index: Number(inner) };
  const quoted = /^['"](.*)['"]$/.exec(inner);
  if (quoted) return { kind: "field", name: quoted[1] };
  const filter = /^\?\(\s*@((?:\.[A-Za-z0-9_-]+)+)\s*(==|!=)\s*(?:'([^']*)'|"([^"]*)"|([^)\s]+))\s*\)$/.exec(inner);
  if (filter) {
    return {
      kind: "filter",
      path: filter[1].slice(1).split("."),
      op: filter[2] as "==" | "!=",
      value: filter[3] ?? filter[4] ?? filter[5] ?? "",
    };
  }
  return null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function getPath(value: unknown, path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!isRecord(current)) return undefined;
    current = current[key];
  }
  return current;
}

const parsed = new Map<string, Step[] | null>();

/** Column paths are few and evaluated for every row on screen: parse each once. */
function cachedParse(expression: string): Step[] | null {
  let steps = parsed.get(expression);
  if (steps === undefined) {
    steps = parseJsonPath(expression);
    if (parsed.size > 500) parsed.clear();
    parsed.set(expression, steps);
  }
  return steps;
}

export function evaluateJsonPath(object: unknown, expression: string): unknown[] {
  const steps = cachedParse(expression);
  if (!steps) return [];
  let current: unknown[] = [object];
  for (const step of steps) {
    const next: unknown[] = [];
    for (const value of current) {
      if (step.kind === "field") {
        if (isRecord(value) && value[step.name] !== undefined) next.push(value[step.name]);
      } else if (step.kind === "index") {
        if (Array.isArray(value)) {
          const item = value[step.index < 0 ? value.length + step.index : step.index];
          if (item !== undefined) next.push(item);
        }
      } else if (step.kind === "all") {
        if (Array.isArray(value)) next.push(...value);
        else if (isRecord(value)) next.push(...Object.values(value));
      } else if (Array.isArray(value)) {
        for (const item of value) {
          const actual = getPath(item, step.path);
          const matches = actual !== undefined && String(actual) === step.value;
          if (step.op === "==" ? matches : !matches && actual !== undefined) next.push(item);
        }
      }
    }
    current = next;
  }
  return current;
}

/** The value a table cell shows: one match as is, several joined with commas. */
export function jsonPathValue(object: unknown, expression: string): unknown {
  const matches = evaluateJsonPath(object, expression);
  if (matches.length === 0) return undefined;
  if (matches.length === 1) return matches[0];
  return matches;
}
