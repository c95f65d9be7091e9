import { describe, expect, it } from "vitest";
import type { ClusterInfo } from "@/types/api";
import { canEditCluster, clusterChange } from "./edit-cluster-dialog";

const cluster: ClusterInfo = {
  name: "prod",
  displayName: "Production",
  source: "kubeconfig",
  context: "prod-admin",
  server: "https://10.0.0.1:6443",
  impersonate: false,
  label: null,
  health: { status: "unknown", serverVersion: null, error: null, checkedAt: null, latencyMs: null },
  createdAt: "2025-01-01T00:00:00Z",
};
const same = { displayName: "Production", impersonate: false, kubeconfig: "", context: "" };

describe("clusterChange", () => {
  it("is empty when nothing changed, whitespace included", () => {
    expect(clusterChange(cluster, same)).toEqual({});
    expect(clusterChange(cluster, { ...same, displayName: "  Production ", kubeconfig: "  \n" })).toEqual({});
  });

  it("sends the cluster's name for an emptied display name, as registering does", () => {
    expect(clusterChange(cluster, { ...same, displayName: " " })).toEqual({ displayName: "prod" });
    expect(clusterChange({ ...cluster, displayName: "prod" }, { ...same, displayName: "" })).toEqual({});
  });

  it("sends a context only with a new kubeconfig", () => {
    expect(clusterChange(cluster, { ...same, context: "other" })).toEqual({});
    expect(clusterChange(cluster, { ...same, kubeconfig: "apiVersion: v1", context: "other" })).toEqual({ kubeconfig: "apiVersion: v1", context: "other" });
  });
});

describe("canEditCluster", () => {
  it("leaves out the simulated demo cluster only", () => {
    expect(canEditCluster({ ...cluster, source: "demo" })).toBe(false);
    expect(canEditCluster({ ...cluster, source: "in_cluster" })).toBe(true);
    expect(canEditCluster(cluster)).toBe(true);
  });
});
