import { describe, expect, it } from "vitest";
import type { KubeObject } from "@/types/api";
import { suggestedQuestion } from "./resource-detail";

const pod = (status: Record<string, unknown>): KubeObject => ({ metadata: { name: "p" }, status });

describe("the question Ask AI suggests", () => {
  it("asks why an unhealthy pod fails", () => {
    expect(
      suggestedQuestion("Pod", pod({ phase: "Running", containerStatuses: [{ name: "c", ready: false, state: { waiting: { reason: "CrashLoopBackOff" } } }] })),
    ).toBe("Why is this pod failing?");
    expect(suggestedQuestion("Pod", pod({ phase: "Pending" }))).toBe("Why is this pod failing?");
  });

  it("asks why a deployment is not ready, and something general otherwise", () => {
    expect(suggestedQuestion("Deployment", { metadata: { name: "d" }, spec: { replicas: 3 }, status: { readyReplicas: 1 } })).toBe(
      "Why is this deployment not ready?",
    );
    expect(suggestedQuestion("Pod", pod({ phase: "Running", containerStatuses: [{ name: "c", ready: true, state: { running: {} } }] }))).toBe(
      "Explain this Pod and anything that needs attention.",
    );
  });
});
