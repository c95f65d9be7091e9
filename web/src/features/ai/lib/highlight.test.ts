import { describe, expect, it } from "vitest";
import { highlight, isManifest, languageOf } from "./highlight";

const kinds = (line: { type: string; text: string }[]) => line.filter((t) => t.type !== "plain").map((t) => `${t.type}:${t.text.trim()}`);

describe("highlight", () => {
  it("YAML: keys, strings, numbers, booleans and comments; the text is kept exactly", () => {
    const code = 'metadata:\n  name: "web"  # the app\n  replicas: 3\n  paused: false\n- item';
    const lines = highlight(code, "yaml");
    expect(lines.map((l) => l.map((t) => t.text).join(""))).toEqual(code.split("\n"));
    expect(kinds(lines[1])).toEqual(["punct:", "key:name", "punct::", 'string:"web"', "comment:# the app"]);
    expect(kinds(lines[2])).toContain("number:3");
    expect(kinds(lines[3])).toContain("bool:false");
  });

  it("JSON keys differ from string values; shell commands and flags stand out", () => {
    expect(kinds(highlight('{"replicas": 3, "name": "web"}', "json")[0])).toEqual([
      "punct:{",
      'key:"replicas"',
      "punct::",
      "number:3",
      "punct:,",
      'key:"name"',
      "punct::",
      'string:"web"',
      "punct:}",
    ]);
    expect(kinds(highlight("kubectl -n shop get pods --watch | grep web", "shell")[0])).toEqual(["command:kubectl", "flag:-n", "flag:--watch", "punct:|"]);
  });

  it("knows the usual fence tags and what a manifest is", () => {
    expect(["yml", "JSON", "bash", "console", "python"].map(languageOf)).toEqual(["yaml", "json", "shell", "shell", "text"]);
    expect(isManifest("apiVersion: v1\nkind: ConfigMap\n")).toBe(true);
    expect(isManifest("replicas: 3\n")).toBe(false);
  });
});
