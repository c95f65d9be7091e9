import { describe, expect, it } from "vitest";
import { render } from "@testing-library/react";
import type { KubeObject } from "@/types/api";
import { columnsFor } from "./descriptors";
import { podStatus, statusTone } from "@/lib/pod-status";
import { groupKinds, pluralKind } from "./kind-groups";

const crashing: KubeObject = {
  metadata: { name: "checkout-api-1" },
  status: { phase: "Running", containerStatuses: [{ name: "app", ready: false, restartCount: 14, state: { waiting: { reason: "CrashLoopBackOff" } } }] },
};

describe("kind descriptors", () => {
  it("shows a pod's waiting reason rather than its phase", () => {
    expect(podStatus(crashing)).toBe("CrashLoopBackOff");
    expect(statusTone("CrashLoopBackOff")).toBe("red");
    expect(podStatus({ metadata: { name: "p" }, status: { phase: "Pending" } })).toBe("Pending");
  });

  it("has pod columns, and uses plugin columns before CRD printer columns for other kinds", () => {
    expect(columnsFor({ group: "", kind: "Pod" }).map((c) => c.header)).toEqual(["Ready", "Status", "Restarts", "Node", "Age"]);
    const cert = { group: "cert-manager.io", kind: "Certificate" };
    const plugin = columnsFor(cert, {
      pluginColumns: [{ name: "Secret", jsonPath: ".spec.secretName", type: "string", description: null }],
      printerColumns: [{ name: "Issuer", jsonPath: ".spec.issuerRef.name", type: "string" }],
    });
    expect(plugin.map((c) => c.header)).toEqual(["Secret", "Age"]);
    const printer = columnsFor(cert, {
      printerColumns: [
        { name: "Issuer", jsonPath: ".spec.issuerRef.name", type: "string" },
        { name: "Status", jsonPath: ".x", type: "string", priority: 1 },
      ],
    });
    expect(printer.map((c) => c.header)).toEqual(["Issuer", "Age"]);
    const { container } = render(<>{printer[0].cell({ metadata: { name: "c" }, spec: { issuerRef: { name: "letsencrypt" } } })}</>);
    expect(container).toHaveTextContent("letsencrypt");
    expect(columnsFor({ group: "example.com", kind: "Widget" }).map((c) => c.header)).toEqual(["Age"]);
  });

  it("groups discovered kinds and puts custom resources under their API group", () => {
    const t = (group: string, kind: string, custom = false) => ({
      group,
      version: "v1",
      kind,
      plural: `${kind.toLowerCase()}s`,
      namespaced: true,
      verbs: [],
      custom,
    });
    const groups = groupKinds([
      t("", "Pod"),
      t("apps", "Deployment"),
      t("", "Service"),
      t("cert-manager.io", "Certificate", true),
      t("metrics.k8s.io", "PodMetrics"),
      t("x.io", "Thing"),
    ]);
    expect(groups.map((g) => g.title)).toEqual(["Workloads", "Network", "cert-manager.io", "Other"]);
    expect(groups[0].kinds.map((k) => k.kind)).toEqual(["Pod", "Deployment"]);
    expect(pluralKind("Ingress")).toBe("Ingresses");
    expect(pluralKind("NetworkPolicy")).toBe("NetworkPolicies");
    expect(pluralKind("Endpoints")).toBe("Endpoints");
  });
});
