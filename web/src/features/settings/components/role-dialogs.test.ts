import { describe, expect, it } from "vitest";
import { parseRules } from "./role-dialogs";

describe("role rules text", () => {
  it("reads one rule a line, with the core group written as \"\"", () => {
    expect(parseRules('get,list | "" | pods, pods/log\nscale | apps | deployments\n')).toEqual({
      rules: [
        { verbs: ["get", "list"], apiGroups: [""], resources: ["pods", "pods/log"] },
        { verbs: ["scale"], apiGroups: ["apps"], resources: ["deployments"] },
      ],
      error: null,
    });
  });

  it("names the line that is not verbs | groups | resources, and wants at least one rule", () => {
    expect(parseRules("get | pods").error).toBe("Line 1: write verbs | API groups | resources.");
    expect(parseRules("  \n").error).toBe("Add at least one rule.");
  });
});
