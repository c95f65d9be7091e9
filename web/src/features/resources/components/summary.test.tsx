import { describe, expect, it } from "vitest";
import { screen, within } from "@testing-library/react";
import { renderWithProviders } from "@/test/render";
import type { Description, KubeObject } from "@/types/api";
import { Summary } from "./summary";
import { conditionTone } from "./workload-status";

const deployment: KubeObject = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "checkout-api", namespace: "shop", creationTimestamp: "2026-11-20T10:00:00Z" },
  spec: {
    replicas: 3,
    strategy: { type: "RollingUpdate" },
    template: { spec: { containers: [{ name: "api", image: "registry.example/checkout-api:2.4.0" }] } },
  },
  status: {
    readyReplicas: 1,
    updatedReplicas: 3,
    availableReplicas: 1,
    conditions: [
      { type: "Available", status: "False", reason: "MinimumReplicasUnavailable", message: "Deployment does not have minimum availability." },
      { type: "Progressing", status: "True", reason: "ReplicaSetUpdated" },
    ],
  },
};

const describe_ = (object: KubeObject): Description => ({ object, events: [], pods: [], notes: [] });

describe("Summary", () => {
  it("shows a deployment's rollout: replicas, strategy, images, and why it is not available", () => {
    renderWithProviders(<Summary cluster="demo" description={describe_(deployment)} />);

    const replicas = screen.getByLabelText("Replicas");
    expect(within(replicas).getByText("Desired").nextSibling).toHaveTextContent("3");
    expect(within(replicas).getByText("Ready").nextSibling).toHaveTextContent("1");
    expect(screen.getByText("RollingUpdate")).toBeInTheDocument();
    expect(screen.getByText("api: registry.example/checkout-api:2.4.0")).toBeInTheDocument();
    const conditions = screen.getByRole("list", { name: "Conditions" });
    expect(conditions).toHaveTextContent("MinimumReplicasUnavailable");
    expect(conditions).toHaveTextContent("Deployment does not have minimum availability.");
  });

  it("shows no rollout card for kinds without replicas", () => {
    const configMap: KubeObject = { kind: "ConfigMap", metadata: { name: "settings", namespace: "shop" } };
    renderWithProviders(<Summary cluster="demo" description={describe_(configMap)} />);
    expect(screen.queryByLabelText("Replicas")).not.toBeInTheDocument();
    expect(screen.queryByRole("list", { name: "Conditions" })).not.toBeInTheDocument();
  });

  it("colours a condition by whether it is good news", () => {
    expect(conditionTone({ type: "Ready", status: "True" })).toBe("green");
    expect(conditionTone({ type: "Available", status: "False" })).toBe("red");
    expect(conditionTone({ type: "MemoryPressure", status: "True" })).toBe("red");
    expect(conditionTone({ type: "DiskPressure", status: "False" })).toBe("green");
    expect(conditionTone({ type: "Ready", status: "Unknown" })).toBe("amber");
  });
});
