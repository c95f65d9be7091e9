import { Badge } from "@/components/ui/badge";
import type { ClusterHealth } from "@/types/api";

export function ClusterStatus({ health }: { health: ClusterHealth }) {
  const tone = health.status === "reachable" ? "green" : health.status === "unreachable" ? "red" : "slate";
  const label = health.status === "reachable" ? "Reachable" : health.status === "unreachable" ? "Unreachable" : "Not checked yet";
  return (
    <span title={health.error ?? undefined}>
      <Badge tone={tone}>{label}</Badge>
    </span>
  );
}
