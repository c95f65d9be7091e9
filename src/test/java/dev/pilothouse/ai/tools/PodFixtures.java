package dev.pilothouse.ai.tools;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Realistic pods, as the API server returns them: Deployment-style names, labels, two containers
 * for some (a sidecar), probes, resources, the service-account volume, status with conditions and
 * container states, and managedFields from kube-controller-manager and the kubelet. About 8 %
 * are unwell in the ways clusters are: CrashLoopBackOff, ImagePullBackOff, Pending (unschedulable),
 * OOMKilled, Running but not ready, Failed (evicted).
 */
final class PodFixtures {

    static final List<String> NAMESPACES =
            List.of("shop", "payments", "search", "monitoring", "platform", "data", "auth", "ingress");
    private static final List<String> APPS = List.of(
            "checkout-api",
            "cart",
            "catalog",
            "web",
            "ledger-api",
            "fraud-scorer",
            "indexer",
            "query-api",
            "prometheus",
            "alertmanager",
            "grafana",
            "cert-manager",
            "kafka-connect",
            "etl-runner",
            "oauth-proxy",
            "session-store",
            "nginx-ingress",
            "recommendations",
            "notifications",
            "inventory");
    private static final String ALPHA = "bcdfghjklmnpqrstvwxz2456789";

    private final Random random;
    private final Instant now;
    private final KubernetesSerialization serialization = new KubernetesSerialization();

    PodFixtures(long seed, Instant now) {
        this.random = new Random(seed);
        this.now = now;
    }

    /** The kinds of trouble, in the share the list gets them (every 12th pod, in turn). */
    enum Trouble {
        CRASH_LOOP,
        IMAGE_PULL,
        PENDING,
        OOM_KILLED,
        NOT_READY,
        EVICTED
    }

    record Generated(List<Pod> pods, List<String> unhealthy) {}

    Generated pods(int count) {
        List<Pod> pods = new ArrayList<>(count);
        List<String> unhealthy = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Trouble trouble = i % 12 == 5 ? Trouble.values()[(i / 12) % Trouble.values().length] : null;
            Pod pod = pod(i, trouble);
            if (trouble != null)
                unhealthy.add(pod.getMetadata().getNamespace() + "/"
                        + pod.getMetadata().getName());
            pods.add(pod);
        }
        return new Generated(pods, unhealthy);
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> asMaps(List<Pod> pods) {
        return pods.stream()
                .map(p -> (Map<String, Object>) serialization.convertValue(p, Map.class))
                .toList();
    }

    private String chars(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) s.append(ALPHA.charAt(random.nextInt(ALPHA.length())));
        return s.toString();
    }

    Pod pod(int i, Trouble trouble) {
        String namespace = NAMESPACES.get(i % NAMESPACES.size());
        String app = APPS.get((i / NAMESPACES.size()) % APPS.size());
        String hash = chars(9) + (random.nextBoolean() ? "" : chars(1));
        String name = app + "-" + hash + "-" + chars(5);
        boolean sidecar = i % 3 == 0;
        String node = "ip-10-0-" + (i % 40) + "-" + (10 + i % 200) + ".eu-west-1.compute.internal";
        Instant created = now.minus(1 + random.nextInt(20 * 24 * 60), ChronoUnit.MINUTES);
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app", app);
        labels.put("app.kubernetes.io/name", app);
        labels.put("app.kubernetes.io/part-of", namespace);
        labels.put("pod-template-hash", hash);
        labels.put("version", "v1." + (i % 9) + "." + (i % 4));
        labels.put("team", List.of("core", "growth", "sre", "data").get(i % 4));

        var containers = new ArrayList<io.fabric8.kubernetes.api.model.Container>();
        containers.add(new ContainerBuilder()
                .withName(app)
                .withImage("registry.example.com/" + namespace + "/" + app + ":1." + (i % 9) + "." + (i % 4))
                .withImagePullPolicy("IfNotPresent")
                .addNewPort()
                .withName("http")
                .withContainerPort(8080)
                .withProtocol("TCP")
                .endPort()
                .addNewEnv()
                .withName("LOG_LEVEL")
                .withValue("info")
                .endEnv()
                .addNewEnv()
                .withName("DB_PASSWORD")
                .withNewValueFrom()
                .withNewSecretKeyRef("password", app + "-db", false)
                .endValueFrom()
                .endEnv()
                .withNewResources()
                .addToRequests("cpu", new Quantity("100m"))
                .addToRequests("memory", new Quantity("128Mi"))
                .addToLimits("memory", new Quantity("512Mi"))
                .endResources()
                .withNewReadinessProbe()
                .withNewHttpGet()
                .withPath("/ready")
                .withNewPort(8080)
                .endHttpGet()
                .withPeriodSeconds(10)
                .withTimeoutSeconds(1)
                .withSuccessThreshold(1)
                .withFailureThreshold(3)
                .endReadinessProbe()
                .addNewVolumeMount()
                .withName("kube-api-access-" + chars(5))
                .withMountPath("/var/run/secrets/kubernetes.io/serviceaccount")
                .withReadOnly(true)
                .endVolumeMount()
                .withTerminationMessagePath("/dev/termination-log")
                .withTerminationMessagePolicy("File")
                .build());
        if (sidecar) {
            containers.add(new ContainerBuilder()
                    .withName("istio-proxy")
                    .withImage("docker.io/istio/proxyv2:1.22.3")
                    .withArgs("proxy", "sidecar", "--domain", namespace + ".svc.cluster.local")
                    .withNewResources()
                    .addToRequests("cpu", new Quantity("10m"))
                    .endResources()
                    .withTerminationMessagePath("/dev/termination-log")
                    .withTerminationMessagePolicy("File")
                    .build());
        }
        List<ContainerStatus> statuses = new ArrayList<>();
        String phase = "Running";
        boolean ready = true;
        String podReason = null;
        String podMessage = null;
        for (var c : containers) {
            var s = new ContainerStatusBuilder()
                    .withName(c.getName())
                    .withImage(c.getImage())
                    .withImageID(c.getImage() + "@sha256:" + chars(20))
                    .withContainerID("containerd://" + chars(32))
                    .withRestartCount(i % 17 == 0 ? 1 + random.nextInt(3) : 0)
                    .withReady(true)
                    .withStarted(true)
                    .withNewState()
                    .withNewRunning()
                    .withStartedAt(created.plusSeconds(20).toString())
                    .endRunning()
                    .endState();
            boolean main = c.getName().equals(app);
            if (main && trouble != null) {
                switch (trouble) {
                    case CRASH_LOOP ->
                        s.withReady(false)
                                .withStarted(false)
                                .withRestartCount(14 + random.nextInt(40))
                                .withNewState()
                                .withNewWaiting()
                                .withReason("CrashLoopBackOff")
                                .withMessage("back-off 5m0s restarting failed container=" + app + " pod=" + name)
                                .endWaiting()
                                .endState()
                                .withNewLastState()
                                .withNewTerminated()
                                .withReason("Error")
                                .withExitCode(1)
                                .withFinishedAt(now.minusSeconds(90).toString())
                                .endTerminated()
                                .endLastState();
                    case IMAGE_PULL -> {
                        s.withReady(false)
                                .withStarted(false)
                                .withNewState()
                                .withNewWaiting()
                                .withReason("ImagePullBackOff")
                                .withMessage("Back-off pulling image \"" + c.getImage() + "-rc1\"")
                                .endWaiting()
                                .endState();
                        phase = "Pending";
                    }
                    case OOM_KILLED ->
                        s.withReady(false)
                                .withRestartCount(3 + random.nextInt(5))
                                .withNewState()
                                .withNewWaiting()
                                .withReason("CrashLoopBackOff")
                                .withMessage("back-off 2m40s restarting failed container=" + app)
                                .endWaiting()
                                .endState()
                                .withNewLastState()
                                .withNewTerminated()
                                .withReason("OOMKilled")
                                .withExitCode(137)
                                .endTerminated()
                                .endLastState();
                    case NOT_READY -> s.withReady(false);
                    default -> {}
                }
            }
            if (!Boolean.TRUE.equals(s.getReady())) ready = false;
            statuses.add(s.build());
        }
        if (trouble == Trouble.PENDING) {
            phase = "Pending";
            statuses = List.of();
            ready = false;
        }
        if (trouble == Trouble.EVICTED) {
            phase = "Failed";
            podReason = "Evicted";
            podMessage = "The node was low on resource: memory. Threshold quantity: 100Mi, available: 52Mi.";
            statuses = List.of();
            ready = false;
        }
        var conditions = new ArrayList<io.fabric8.kubernetes.api.model.PodCondition>();
        conditions.add(condition("PodReadyToStartContainers", "True", created));
        conditions.add(condition("Initialized", "True", created));
        conditions.add(condition("Ready", ready ? "True" : "False", created));
        conditions.add(condition("ContainersReady", ready ? "True" : "False", created));
        if (trouble == Trouble.PENDING) {
            conditions.clear();
            conditions.add(new PodConditionBuilder()
                    .withType("PodScheduled")
                    .withStatus("False")
                    .withReason("Unschedulable")
                    .withLastTransitionTime(created.toString())
                    .withMessage("0/40 nodes are available: 12 Insufficient cpu, 28 node(s) didn't match Pod's node"
                            + " affinity/selector. preemption: 0/40 nodes are available.")
                    .build());
        } else {
            conditions.add(condition("PodScheduled", "True", created));
        }
        return new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withGenerateName(app + "-" + hash + "-")
                .withNamespace(namespace)
                .withUid(java.util.UUID.nameUUIDFromBytes(name.getBytes()).toString())
                .withResourceVersion(String.valueOf(100_000 + i * 7))
                .withCreationTimestamp(created.toString())
                .withLabels(labels)
                .addToAnnotations(
                        "kubectl.kubernetes.io/restartedAt",
                        created.minusSeconds(3600).toString())
                .addToAnnotations("prometheus.io/scrape", "true")
                .addNewOwnerReference()
                .withApiVersion("apps/v1")
                .withKind("ReplicaSet")
                .withName(app + "-" + hash)
                .withUid(java.util
                        .UUID
                        .nameUUIDFromBytes((app + hash).getBytes())
                        .toString())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .endOwnerReference()
                .withManagedFields(
                        new ManagedFieldsEntryBuilder()
                                .withManager("kube-controller-manager")
                                .withOperation("Update")
                                .withApiVersion("v1")
                                .withTime(created.toString())
                                .withFieldsType("FieldsV1")
                                .withFieldsV1(specFields(app, sidecar))
                                .build(),
                        new ManagedFieldsEntryBuilder()
                                .withManager("kubelet")
                                .withOperation("Update")
                                .withApiVersion("v1")
                                .withTime(created.plusSeconds(25).toString())
                                .withFieldsType("FieldsV1")
                                .withSubresource("status")
                                .withFieldsV1(statusFields())
                                .build())
                .endMetadata()
                .withNewSpec()
                .withContainers(containers)
                .withNodeName(trouble == Trouble.PENDING ? null : node)
                .withServiceAccountName(app)
                .withServiceAccount(app)
                .withDnsPolicy("ClusterFirst")
                .withRestartPolicy("Always")
                .withSchedulerName("default-scheduler")
                .withTerminationGracePeriodSeconds(30L)
                .withEnableServiceLinks(true)
                .withPreemptionPolicy("PreemptLowerPriority")
                .withPriority(0)
                .withNewSecurityContext()
                .endSecurityContext()
                .addNewToleration()
                .withKey("node.kubernetes.io/not-ready")
                .withOperator("Exists")
                .withEffect("NoExecute")
                .withTolerationSeconds(300L)
                .endToleration()
                .addNewToleration()
                .withKey("node.kubernetes.io/unreachable")
                .withOperator("Exists")
                .withEffect("NoExecute")
                .withTolerationSeconds(300L)
                .endToleration()
                .addNewVolume()
                .withName("kube-api-access-" + chars(5))
                .withNewProjected()
                .withDefaultMode(420)
                .addNewSource()
                .withNewServiceAccountToken()
                .withExpirationSeconds(3607L)
                .withPath("token")
                .endServiceAccountToken()
                .endSource()
                .endProjected()
                .endVolume()
                .endSpec()
                .withNewStatus()
                .withPhase(phase)
                .withReason(podReason)
                .withMessage(podMessage)
                .withConditions(conditions)
                .withHostIP(trouble == Trouble.PENDING ? null : "10.0." + (i % 40) + "." + (10 + i % 200))
                .withPodIP(trouble == Trouble.PENDING ? null : "10.42." + (i % 250) + "." + (i % 251))
                .withStartTime(trouble == Trouble.PENDING ? null : created.toString())
                .withQosClass("Burstable")
                .withContainerStatuses(statuses)
                .endStatus()
                .build();
    }

    private static io.fabric8.kubernetes.api.model.PodCondition condition(String type, String status, Instant at) {
        return new PodConditionBuilder()
                .withType(type)
                .withStatus(status)
                .withLastTransitionTime(at.toString())
                .build();
    }

    /** What kube-controller-manager's managedFields entry of a ReplicaSet's pod looks like. */
    private static FieldsV1 specFields(String app, boolean sidecar) {
        Map<String, Object> container = new LinkedHashMap<>();
        for (String f : List.of(
                "f:image", "f:imagePullPolicy", "f:name", "f:terminationMessagePath", "f:terminationMessagePolicy"))
            container.put(f, Map.of());
        container.put(
                "f:env",
                Map.of(
                        ".",
                        Map.of(),
                        "k:{\"name\":\"LOG_LEVEL\"}",
                        Map.of(".", Map.of(), "f:name", Map.of(), "f:value", Map.of()),
                        "k:{\"name\":\"DB_PASSWORD\"}",
                        Map.of(
                                ".",
                                Map.of(),
                                "f:name",
                                Map.of(),
                                "f:valueFrom",
                                Map.of(".", Map.of(), "f:secretKeyRef", Map.of()))));
        container.put(
                "f:ports",
                Map.of(
                        ".",
                        Map.of(),
                        "k:{\"containerPort\":8080,\"protocol\":\"TCP\"}",
                        Map.of(
                                ".",
                                Map.of(),
                                "f:containerPort",
                                Map.of(),
                                "f:name",
                                Map.of(),
                                "f:protocol",
                                Map.of())));
        container.put(
                "f:readinessProbe",
                Map.of(
                        ".",
                        Map.of(),
                        "f:failureThreshold",
                        Map.of(),
                        "f:httpGet",
                        Map.of(".", Map.of(), "f:path", Map.of(), "f:port", Map.of(), "f:scheme", Map.of()),
                        "f:periodSeconds",
                        Map.of()));
        container.put(
                "f:resources",
                Map.of(
                        ".",
                        Map.of(),
                        "f:limits",
                        Map.of(".", Map.of(), "f:memory", Map.of()),
                        "f:requests",
                        Map.of(".", Map.of(), "f:cpu", Map.of(), "f:memory", Map.of())));
        Map<String, Object> containers = new LinkedHashMap<>();
        containers.put("k:{\"name\":\"" + app + "\"}", container);
        if (sidecar)
            containers.put(
                    "k:{\"name\":\"istio-proxy\"}",
                    Map.of(".", Map.of(), "f:args", Map.of(), "f:image", Map.of(), "f:name", Map.of()));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(
                "f:metadata",
                Map.of(
                        "f:generateName",
                        Map.of(),
                        "f:labels",
                        Map.of(
                                ".",
                                Map.of(),
                                "f:app",
                                Map.of(),
                                "f:pod-template-hash",
                                Map.of(),
                                "f:team",
                                Map.of(),
                                "f:version",
                                Map.of()),
                        "f:ownerReferences",
                        Map.of(".", Map.of(), "k:{\"uid\":\"0\"}", Map.of())));
        fields.put(
                "f:spec",
                Map.of(
                        "f:containers",
                        containers,
                        "f:dnsPolicy",
                        Map.of(),
                        "f:enableServiceLinks",
                        Map.of(),
                        "f:restartPolicy",
                        Map.of(),
                        "f:schedulerName",
                        Map.of(),
                        "f:securityContext",
                        Map.of(),
                        "f:serviceAccount",
                        Map.of(),
                        "f:serviceAccountName",
                        Map.of(),
                        "f:terminationGracePeriodSeconds",
                        Map.of()));
        return new FieldsV1Builder(fields).build();
    }

    private static FieldsV1 statusFields() {
        Map<String, Object> condition = Map.of(
                ".",
                Map.of(),
                "f:lastProbeTime",
                Map.of(),
                "f:lastTransitionTime",
                Map.of(),
                "f:status",
                Map.of(),
                "f:type",
                Map.of());
        Map<String, Object> status = new LinkedHashMap<>();
        Map<String, Object> conditions = new LinkedHashMap<>();
        for (String t : List.of("ContainersReady", "Initialized", "PodReadyToStartContainers", "Ready")) {
            conditions.put("k:{\"type\":\"" + t + "\"}", condition);
        }
        status.put("f:conditions", conditions);
        status.put("f:containerStatuses", Map.of());
        status.put("f:hostIP", Map.of());
        status.put("f:hostIPs", Map.of());
        status.put("f:phase", Map.of());
        status.put("f:podIP", Map.of());
        status.put(
                "f:podIPs", Map.of(".", Map.of(), "k:{\"ip\":\"10.42.0.1\"}", Map.of(".", Map.of(), "f:ip", Map.of())));
        status.put("f:startTime", Map.of());
        return new FieldsV1Builder(Map.of("f:status", status)).build();
    }

    /** FieldsV1 is an open map in fabric8: its content goes in as additional properties. */
    private record FieldsV1Builder(Map<String, Object> fields) {
        FieldsV1 build() {
            FieldsV1 f = new FieldsV1();
            fields.forEach(f::setAdditionalProperty);
            return f;
        }
    }
}
