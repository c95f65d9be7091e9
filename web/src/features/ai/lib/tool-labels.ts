/** How a tool call reads to a person ("List pods in shop"); unknown tools show their name. */
type Args = Record<string, unknown>;

const s = (v: unknown) => (typeof v === "string" || typeof v === "number" ? String(v) : "");
const inNs = (a: Args) => (s(a.namespace) ? ` in ${s(a.namespace)}` : "");
const plural = (kind: string) => (!kind ? "resources" : /s$/i.test(kind) ? kind : `${kind.toLowerCase()}s`);

const labels: Record<string, (a: Args) => string> = {
  get_resources: (a) => (s(a.name) ? `Get ${s(a.kind)} ${s(a.name)}${inNs(a)}` : `List ${plural(s(a.kind))}${inNs(a)}`),
  describe_resource: (a) => `Describe ${s(a.kind)} ${s(a.name)}${inNs(a)}`,
  get_events: (a) => `Read ${a.warningsOnly ? "warning " : ""}events${s(a.name) ? ` of ${s(a.name)}` : ""}${inNs(a)}`,
  get_logs: (a) => `Read ${a.previous ? "previous " : ""}logs of ${s(a.pod)}${inNs(a)}`,
  get_metrics: (a) => `Read ${s(a.scope) || "pod"} metrics${inNs(a)}`,
  search_resources: (a) => `Search for “${s(a.query)}”${inNs(a)}`,
  apply_yaml: (a) => `Apply YAML${inNs(a)}`,
  delete_resource: (a) => `Delete ${s(a.kind)} ${s(a.name)}${inNs(a)}`,
  scale_resource: (a) => `Scale ${s(a.kind)} ${s(a.name)}${inNs(a)} to ${s(a.replicas)} replicas`,
  restart_resource: (a) => `Restart ${s(a.kind)} ${s(a.name)}${inNs(a)}`,
};

export function toolLabel(name: string, args: Args): string {
  const label = labels[name];
  return label ? label(args).replace(/\s+/g, " ").trim() : name;
}

const PAST: Record<string, string> = {
  List: "Listed",
  Get: "Got",
  Describe: "Described",
  Search: "Searched",
  Apply: "Applied",
  Delete: "Deleted",
  Scale: "Scaled",
  Restart: "Restarted",
};

/** The label of a finished call: "Listed pods in shop" (only for calls that succeeded). */
export function doneLabel(name: string, args: Args): string {
  const label = toolLabel(name, args);
  const [verb, ...rest] = label.split(" ");
  return PAST[verb] ? [PAST[verb], ...rest].join(" ") : label;
}
