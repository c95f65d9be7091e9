import { useParams } from "react-router";
import { groupFromSegment } from "@/lib/paths";
import { useKinds } from "@/lib/api/kube";

/** The cluster and kind named by the route (/clusters/:cluster/resources/:group/:plural). */
export function useResourceType() {
  const { cluster = "", group = "core", plural = "" } = useParams();
  const kinds = useKinds(cluster);
  const apiGroup = groupFromSegment(group);
  const type = kinds.data?.find((t) => t.group === apiGroup && t.plural === plural);
  return { cluster, plural, group: apiGroup, type, kinds };
}
