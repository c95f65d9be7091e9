/** Shapes of the server's JSON, as documented in docs/protocol.md and the Java records. */

export interface Me {
  id: string;
  username: string;
  displayName: string;
  admin: boolean;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  admin: boolean;
  disabled: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

export type HealthStatus = "unknown" | "reachable" | "unreachable";

export interface ClusterHealth {
  status: HealthStatus;
  serverVersion: string | null;
  error: string | null;
  checkedAt: string | null;
  latencyMs: number | null;
}

export interface ClusterInfo {
  name: string;
  displayName: string | null;
  source: string;
  context: string | null;
  server: string | null;
  impersonate: boolean;
  label: string | null;
  health: ClusterHealth;
  createdAt: string;
  /** What is unsafe about how the cluster is reached (e.g. a plain http:// server); empty when nothing is. */
  warnings?: string[];
}

export interface KubeconfigContext {
  name: string;
  cluster?: string;
  user?: string;
  namespace?: string | null;
  server?: string;
  current?: boolean;
}

export interface ResourceType {
  group: string;
  version: string;
  kind: string;
  plural: string;
  namespaced: boolean;
  verbs: string[];
  custom: boolean;
}

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  creationTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: { kind: string; name: string; controller?: boolean }[];
  resourceVersion?: string;
  generation?: number;
  deletionTimestamp?: string;
}

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface ListResult {
  type: ResourceType;
  items: KubeObject[];
  continueToken: string | null;
  resourceVersion: string | null;
}

export interface EventSummary {
  type: string;
  reason: string;
  message: string;
  namespace: string | null;
  objectKind: string;
  objectName: string;
  count: number;
  firstSeen: string | null;
  lastSeen: string | null;
  source: string | null;
}

export interface PodSummary {
  name: string;
  namespace: string;
  phase: string;
  ready: string;
  restarts: number;
  reason: string | null;
  message: string | null;
  node: string | null;
  createdAt: string | null;
}

export interface Description {
  object: KubeObject;
  events: EventSummary[];
  pods: PodSummary[];
  notes: string[];
}

export interface Change {
  kind: string;
  namespace: string | null;
  name: string;
  operation: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  diff: string;
  /** Fields other field managers own that this apply takes over; empty for other changes. */
  conflicts?: Conflict[];
}

/** A field owned by another field manager (an HPA, a GitOps controller), e.g. `spec.replicas`. */
export interface Conflict {
  manager: string;
  field: string;
}

export interface ChangeResult {
  dryRun: boolean;
  changes: Change[];
}

export interface SearchHit {
  kind: string;
  group: string;
  namespace: string | null;
  name: string;
  labels: Record<string, string>;
}

export interface AccessCheck {
  verb: string;
  cluster: string;
  namespace?: string | null;
  apiGroup?: string;
  resource: string;
}

export interface AccessResult {
  allowed: boolean;
  explanation: string;
}

export interface Rule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
}

export interface Role {
  id: string;
  name: string;
  description: string | null;
  builtin: boolean;
  rules: Rule[];
  createdAt: string;
  updatedAt: string;
}

export interface RoleBinding {
  id: string;
  userId: string;
  username: string;
  roleId: string;
  roleName: string;
  clusters: string[];
  namespaces: string[];
  createdAt: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  cluster: string | null;
  namespace: string | null;
  outcome: "success" | "failure" | "denied";
  details: Record<string, unknown> | null;
  clientIp: string | null;
}

export interface AuditPage {
  items: AuditEntry[];
  nextCursor: number | null;
}

export interface PluginColumn {
  name: string;
  jsonPath: string;
  type: "string" | "number" | "integer" | "boolean" | "date";
  description: string | null;
}

export interface PluginKind {
  group: string;
  version: string;
  kind: string;
  plural: string;
  scope: "Namespaced" | "Cluster";
  description: string | null;
  columns: PluginColumn[];
}

export interface Plugin {
  name: string;
  version: string;
  description: string | null;
  documentation: string | null;
  homepage: string | null;
  kinds: PluginKind[];
  source: string;
}

export interface PluginList {
  plugins: Plugin[];
  errors: { file: string; field: string | null; message: string }[];
}
