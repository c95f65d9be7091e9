import { describe, expect, it } from "vitest";
import { evaluateJsonPath, jsonPathValue, parseJsonPath } from "./jsonpath";

const cert = {
  spec: { secretName: "web-tls", dnsNames: ["a.example", "b.example"], "weird.key": 1 },
  status: {
    conditions: [
      { type: "Issuing", status: "False" },
      { type: "Ready", status: "True", message: "Certificate is up to date" },
    ],
  },
};

describe("jsonpath", () => {
  it("reads fields, indexes and wildcards", () => {
    expect(jsonPathValue(cert, ".spec.secretName")).toBe("web-tls");
    expect(jsonPathValue(cert, ".spec.dnsNames[1]")).toBe("b.example");
    expect(jsonPathValue(cert, ".spec.dnsNames[-1]")).toBe("b.example");
    expect(evaluateJsonPath(cert, ".spec.dnsNames[*]")).toEqual(["a.example", "b.example"]);
    expect(jsonPathValue(cert, "{.spec['weird.key']}")).toBe(1);
  });

  it("filters lists the way printer columns do, with either quote and spacing", () => {
    expect(jsonPathValue(cert, '.status.conditions[?(@.type=="Ready")].status')).toBe("True");
    expect(jsonPathValue(cert, ".status.conditions[?(@.type == 'Ready')].message")).toBe("Certificate is up to date");
    expect(jsonPathValue(cert, '.status.conditions[?(@.type!="Ready")].type')).toBe("Issuing");
  });

  it("answers nothing for missing paths and unsupported syntax instead of throwing", () => {
    expect(jsonPathValue(cert, ".status.notAfter")).toBeUndefined();
    expect(jsonPathValue({}, '.status.conditions[?(@.type=="Ready")].status')).toBeUndefined();
    expect(parseJsonPath(".spec..deep")).toBeNull();
    expect(evaluateJsonPath(cert, "..bad[")).toEqual([]);
  });
});
