// @vitest-environment node
import { describe, expect, it } from "vitest";
import { ESLint } from "eslint";

/** Lints a made-up file at `filePath` with the project's own configuration. */
async function lint(filePath: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: process.cwd() });
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe("ESLint import zones", () => {
  it("refuses a feature importing another feature", async () => {
    const messages = await lint(
      "src/features/clusters/components/planted.ts",
      'import { YamlTab } from "@/features/resources/components/yaml-tab";\nexport const x = YamlTab;\n',
    );
    expect(messages.join("\n")).toMatch(/no-restricted-imports: .*Features do not import each other/);
  });

  it("refuses the same through a relative path", async () => {
    const messages = await lint(
      "src/features/ai/components/planted.ts",
      'import { YamlTab } from "../../resources/components/yaml-tab";\nexport const x = YamlTab;\n',
    );
    expect(messages.join("\n")).toMatch(/no-restricted-imports/);
  });

  it("refuses shared code importing a feature", async () => {
    const messages = await lint("src/lib/planted.ts", 'import { useAiChatStore } from "@/features/ai/stores/ai-chat";\nexport const x = useAiChatStore;\n');
    expect(messages.join("\n")).toMatch(/Shared code must not import from features/);
  });

  it("allows a feature its own files and shared code", async () => {
    const messages = await lint(
      "src/features/resources/components/planted.ts",
      'import { useApply } from "@/lib/api/apply";\nimport { YamlTab } from "@/features/resources/components/yaml-tab";\nimport { Summary } from "./summary";\nexport const x = [useApply, YamlTab, Summary];\n',
    );
    expect(messages).toEqual([]);
  });
});
