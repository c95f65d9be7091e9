import type { Tone } from "@/components/ui/badge";
import type { KubeObject } from "@/types/api";

type Row = KubeObject;

export interface ContainerStatus {
  name: string;
  ready?: boolean;
  restartCount?: number;
  state?: { waiting?: { reason?: string }; terminated?: { reason?: string }; running?: unknown };
}

export function containerStatuses(pod: Row): ContainerStatus[] {
  const list = pod.status?.containerStatuses;
  return Array.isArray(list) ? (list as ContainerStatus[]) : [];
}

/** What `kubectl get pods` shows as STATUS: the waiting/terminated reason beats the phase. */
export function podStatus(pod: Row): string {
  if (pod.metadata.deletionTimestamp) return "Terminating";
  for (const c of containerStatuses(pod)) {
    const reason = c.state?.waiting?.reason ?? c.state?.terminated?.reason;
    if (reason) return reason;
  }
  const phase = pod.status?.phase;
  return typeof phase === "string" ? phase : "Unknown";
}

export function statusTone(status: string): Tone {
  if (["Running", "Succeeded", "Completed", "Ready", "True", "Active", "Bound", "Healthy", "Synced"].includes(status)) return "green";
  if (["Pending", "ContainerCreating", "Terminating", "Progressing", "Unknown", "OutOfSync"].includes(status)) return "amber";
  if (/Err|BackOff|Fail|Invalid|Evicted|OOM|False|Degraded|Missing/.test(status)) return "red";
  return "slate";
}
