/**
 * A small syntax highlighter for the languages an assistant about Kubernetes writes: YAML, JSON and
 * shell. It returns tokens (text + class), never HTML, so nothing in a reply can become markup.
 */
export type TokenType = "key" | "string" | "number" | "bool" | "comment" | "punct" | "command" | "flag" | "variable" | "plain";

export interface Token {
  type: TokenType;
  text: string;
}

export type Language = "yaml" | "json" | "shell" | "text";

export function languageOf(tag: string | undefined): Language {
  const t = (tag ?? "").toLowerCase();
  if (t === "yaml" || t === "yml") return "yaml";
  if (t === "json" || t === "jsonc") return "json";
  if (["sh", "bash", "shell", "console", "zsh", "kubectl"].includes(t)) return "shell";
  return "text";
}

/** Runs `rules` over `line` left to right; text no rule matches is plain. */
function scan(line: string, rules: [RegExp, TokenType][]): Token[] {
  const out: Token[] = [];
  let rest = line;
  let plain = "";
  outer: while (rest.length) {
    for (const [re, type] of rules) {
      const m = re.exec(rest);
      if (m && m.index === 0 && m[0].length) {
        if (plain) {
          out.push({ type: "plain", text: plain });
          plain = "";
        }
        out.push({ type, text: m[0] });
        rest = rest.slice(m[0].length);
        continue outer;
      }
    }
    plain += rest[0];
    rest = rest.slice(1);
  }
  if (plain) out.push({ type: "plain", text: plain });
  return out;
}

const SCALAR: [RegExp, TokenType][] = [
  [/^#.*/, "comment"],
  [/^"(?:[^"\\]|\\.)*"?|^'[^']*'?/, "string"],
  [/^-?\d+(?:\.\d+)?(?=\s|$|,|\]|\})/, "number"],
  [/^(?:true|false|null|~|yes|no)(?=\s|$|,|\]|\})/i, "bool"],
  [/^[[\]{},]/, "punct"],
];

function yamlLine(line: string): Token[] {
  // `key:` (after indentation and an optional list dash) is a key; what follows is a scalar.
  const m = /^(\s*(?:-\s+)*)([^\s#:"'][^:#]*?|"[^"]*"|'[^']*')(:)(?=\s|$)/.exec(line);
  if (m) {
    const tokens: Token[] = [];
    if (m[1]) tokens.push({ type: "punct", text: m[1] });
    tokens.push({ type: "key", text: m[2] }, { type: "punct", text: m[3] });
    return [...tokens, ...scan(line.slice(m[0].length), SCALAR)];
  }
  const dash = /^(\s*-\s+|\s*-$|---|\.\.\.)/.exec(line);
  if (dash) return [{ type: "punct", text: dash[0] }, ...scan(line.slice(dash[0].length), SCALAR)];
  return scan(line, SCALAR);
}

function jsonLine(line: string): Token[] {
  return scan(line, [
    [/^"(?:[^"\\]|\\.)*"(?=\s*:)/, "key"],
    [/^"(?:[^"\\]|\\.)*"?/, "string"],
    [/^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/, "number"],
    [/^(?:true|false|null)\b/, "bool"],
    [/^[[\]{},:]/, "punct"],
  ]);
}

function shellLine(line: string): Token[] {
  const tokens = scan(line, [
    [/^#.*/, "comment"],
    [/^"(?:[^"\\]|\\.)*"?|^'[^']*'?/, "string"],
    [/^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?/, "variable"],
    [/^--?[A-Za-z][\w-]*(?:=\S*)?/, "flag"],
    [/^[|&;<>]+/, "punct"],
  ]);
  // The first word of the line (after a prompt) is the command.
  const first = tokens[0];
  if (first?.type === "plain") {
    const m = /^(\s*(?:\$\s+)?)(\S+)(.*)$/.exec(first.text);
    if (m) {
      const parts: Token[] = [];
      if (m[1]) parts.push({ type: "punct", text: m[1] });
      parts.push({ type: "command", text: m[2] });
      if (m[3]) parts.push({ type: "plain", text: m[3] });
      return [...parts, ...tokens.slice(1)];
    }
  }
  return tokens;
}

/** Tokens per line. */
export function highlight(code: string, language: Language): Token[][] {
  const lines = code.replace(/\n$/, "").split("\n");
  if (language === "yaml") return lines.map(yamlLine);
  if (language === "json") return lines.map(jsonLine);
  if (language === "shell") return lines.map(shellLine);
  return lines.map((text) => [{ type: "plain", text }]);
}

/** A YAML document that looks like a Kubernetes object (what "Apply" is offered for). */
export function isManifest(code: string): boolean {
  return /^apiVersion:\s*\S+/m.test(code) && /^kind:\s*\S+/m.test(code);
}
