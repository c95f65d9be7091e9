package dev.pilothouse.cluster.demo;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the demo cluster holds: three namespaces with a working shop, and the problems people ask
 * an assistant about: a pod in CrashLoopBackOff whose logs say why, an ImagePullBackOff (a typo
 * in the tag), a Pending pod that asks for more CPU than any node has, a Service whose selector
 * matches no pods, a HorizontalPodAutoscaler, cert-manager Certificates (one not ready), warning
 * events for each problem, nodes with metrics, and Secrets to show masking.
 */
final class DemoScenario {

    static final CustomResourceDefinitionContext CERTIFICATES = new CustomResourceDefinitionContext.Builder()
            .withGroup("cert-manager.io")
            .withVersion("v1")
            .withKind("Certificate")
            .withPlural("certificates")
            .withScope("Namespaced")
            .build();

    private static final List<String> NODES = List.of("node-a", "node-b", "node-c");

    private final KubernetesClient client;
    private final DemoLogs logs;
    private final Instant now = Instant.now();
    private int nodeTurn;

    DemoScenario(KubernetesClient client, DemoLogs logs) {
        this.client = client;
        this.logs = logs;
    }

    void seed() {
        nodes();
        for (String ns : List.of("default", "kube-system", "shop", "payments", "monitoring")) {
            create(new NamespaceBuilder()
                    .withNewMetadata()
                    .withName(ns)
                    .withCreationTimestamp(ago(Duration.ofDays(41)))
                    .endMetadata()
                    .withNewStatus()
                    .withPhase("Active")
                    .endStatus()
                    .build());
        }
        shop();
        payments();
        monitoring();
        certificates();
    }

    // ---------------------------------------------------------------- namespaces

    private void shop() {
        healthy("shop", "web", "nginx:1.27.3", 3, "7c9f8d6b5", 8080, "100m", "128Mi");
        service("shop", "web", "web", 80, 8080);
        create(new HorizontalPodAutoscalerBuilder()
                .withNewMetadata()
                .withName("web")
                .withNamespace("shop")
                .withCreationTimestamp(ago(Duration.ofDays(12)))
                .endMetadata()
                .withNewSpec()
                .withNewScaleTargetRef()
                .withApiVersion("apps/v1")
                .withKind("Deployment")
                .withName("web")
                .endScaleTargetRef()
                .withMinReplicas(3)
                .withMaxReplicas(10)
                .addNewMetric()
                .withType("Resource")
                .withNewResource()
                .withName("cpu")
                .withNewTarget()
                .withType("Utilization")
                .withAverageUtilization(70)
                .endTarget()
                .endResource()
                .endMetric()
                .endSpec()
                .withNewStatus()
                .withCurrentReplicas(3)
                .withDesiredReplicas(3)
                .addNewCurrentMetric()
                .withType("Resource")
                .withNewResource()
                .withName("cpu")
                .withNewCurrent()
                .withAverageUtilization(42)
                .endCurrent()
                .endResource()
                .endCurrentMetric()
                .endStatus()
                .build());
        create(new SecretBuilder()
                .withNewMetadata()
                .withName("web-tls")
                .withNamespace("shop")
                .endMetadata()
                .withType("kubernetes.io/tls")
                .addToData(
                        "tls.crt",
                        b64("-----BEGIN CERTIFICATE-----\nZGVtbyBjZXJ0aWZpY2F0ZQ==\n-----END CERTIFICATE-----\n"))
                .addToData("tls.key", b64("-----BEGIN PRIVATE KEY-----\nZGVtbyBrZXk=\n-----END PRIVATE KEY-----\n"))
                .build());

        // checkout-api crashes at start: a required setting is missing from its environment.
        Deployment checkout =
                deployment("shop", "checkout-api", "ghcr.io/acme/checkout-api:2.4.0", 1, "5d8f7b9c4", "250m", "256Mi");
        checkout.getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .getFirst()
                .setEnv(List.of(new io.fabric8.kubernetes.api.model.EnvVarBuilder()
                        .withName("DATABASE_URL")
                        .withNewValueFrom()
                        .withNewSecretKeyRef()
                        .withName("checkout-db")
                        .withKey("url")
                        .endSecretKeyRef()
                        .endValueFrom()
                        .build()));
        checkout.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder()
                .withReplicas(1)
                .withUpdatedReplicas(1)
                .withUnavailableReplicas(1)
                .withReadyReplicas(0)
                .withObservedGeneration(3L)
                .withConditions(
                        new DeploymentConditionBuilder()
                                .withType("Available")
                                .withStatus("False")
                                .withReason("MinimumReplicasUnavailable")
                                .withMessage("Deployment does not have minimum availability.")
                                .withLastTransitionTime(ago(Duration.ofMinutes(47)))
                                .build(),
                        new DeploymentConditionBuilder()
                                .withType("Progressing")
                                .withStatus("False")
                                .withReason("ProgressDeadlineExceeded")
                                .withMessage("ReplicaSet \"checkout-api-5d8f7b9c4\" has timed out progressing.")
                                .withLastTransitionTime(ago(Duration.ofMinutes(37)))
                                .build())
                .build());
        create(checkout);
        replicaSet(checkout, "5d8f7b9c4", 1, 0);
        String crashing = "checkout-api-5d8f7b9c4-tq7wz";
        Pod pod = pod("shop", crashing, checkout, "5d8f7b9c4", "Running", false, ago(Duration.ofMinutes(47)));
        pod.getStatus()
                .setContainerStatuses(List.of(new ContainerStatusBuilder()
                        .withName("checkout-api")
                        .withImage("ghcr.io/acme/checkout-api:2.4.0")
                        .withReady(false)
                        .withStarted(false)
                        .withRestartCount(14)
                        .withNewState()
                        .withNewWaiting()
                        .withReason("CrashLoopBackOff")
                        .withMessage("back-off 5m0s restarting failed container=checkout-api pod=" + crashing + "_shop")
                        .endWaiting()
                        .endState()
                        .withNewLastState()
                        .withNewTerminated()
                        .withExitCode(1)
                        .withReason("Error")
                        .withStartedAt(ago(Duration.ofMinutes(3).plusSeconds(2)))
                        .withFinishedAt(ago(Duration.ofMinutes(3)))
                        .endTerminated()
                        .endLastState()
                        .build()));
        create(pod);
        String crashLog = """
                2026-11-25T08:41:07.112Z INFO  checkout-api 2.4.0 starting (pid 1)
                2026-11-25T08:41:07.118Z INFO  loading configuration from environment
                2026-11-25T08:41:07.119Z INFO  DATABASE_URL set (postgres://checkout@orders-db.shop:5432/orders)
                2026-11-25T08:41:07.121Z ERROR config: required environment variable PAYMENTS_URL is not set
                2026-11-25T08:41:07.121Z ERROR   the payments client needs the address of the payments API, e.g. http://payments-api.payments:8080
                2026-11-25T08:41:07.122Z FATAL startup aborted: invalid configuration (1 error)
                """;
        logs.put("shop", crashing, "checkout-api", crashLog, crashLog.replace("08:41:07", "08:36:02"));
        service("shop", "checkout-api", "checkout-api", 80, 8080);
        create(new SecretBuilder()
                .withNewMetadata()
                .withName("checkout-db")
                .withNamespace("shop")
                .endMetadata()
                .withType("Opaque")
                .addToData("url", b64("postgres://checkout:s3cr3t-demo-password@orders-db.shop:5432/orders"))
                .addToData("password", b64("s3cr3t-demo-password"))
                .build());
        warning(
                "shop",
                "Pod",
                crashing,
                "BackOff",
                "kubelet",
                "Back-off restarting failed container checkout-api in pod " + crashing
                        + "_shop(8b1d2c3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e)",
                57,
                Duration.ofMinutes(44));
    }

    private void payments() {
        // payments-worker cannot start: its image tag has a typo ("v2.3.l" for "v2.3.1").
        String image = "registry.acme.example/payments/worker:v2.3.l";
        Deployment worker = deployment("payments", "payments-worker", image, 2, "6b7c9d8f5", "200m", "256Mi");
        worker.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder()
                .withReplicas(2)
                .withUpdatedReplicas(2)
                .withUnavailableReplicas(2)
                .withReadyReplicas(0)
                .build());
        create(worker);
        replicaSet(worker, "6b7c9d8f5", 2, 0);
        for (String suffix : List.of("h2kfl", "p9x4d")) {
            String name = "payments-worker-6b7c9d8f5-" + suffix;
            Pod pod = pod("payments", name, worker, "6b7c9d8f5", "Pending", false, ago(Duration.ofMinutes(22)));
            pod.getStatus()
                    .setContainerStatuses(List.of(
                            waiting("worker", image, "ImagePullBackOff", "Back-off pulling image \"" + image + "\"")));
            create(pod);
            warning(
                    "payments",
                    "Pod",
                    name,
                    "Failed",
                    "kubelet",
                    "Failed to pull image \"" + image
                            + "\": rpc error: code = NotFound desc = failed to pull and unpack image \"" + image
                            + "\": failed to resolve reference \"" + image + "\": not found",
                    9,
                    Duration.ofMinutes(21));
            warning(
                    "payments",
                    "Pod",
                    name,
                    "BackOff",
                    "kubelet",
                    "Back-off pulling image \"" + image + "\"",
                    83,
                    Duration.ofMinutes(21));
        }

        // ledger asks for 16 CPUs; no node has more than 4.
        Deployment ledger = deployment("payments", "ledger", "ghcr.io/acme/ledger:1.9.2", 1, "84f6c7d9b", "16", "2Gi");
        ledger.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder()
                .withReplicas(1)
                .withUnavailableReplicas(1)
                .withReadyReplicas(0)
                .build());
        create(ledger);
        replicaSet(ledger, "84f6c7d9b", 1, 0);
        String pending = "ledger-84f6c7d9b-z5rtn";
        Pod pod = pod("payments", pending, ledger, "84f6c7d9b", "Pending", false, ago(Duration.ofMinutes(15)));
        pod.getSpec().setNodeName(null);
        pod.getStatus()
                .setConditions(List.of(new PodConditionBuilder()
                        .withType("PodScheduled")
                        .withStatus("False")
                        .withReason("Unschedulable")
                        .withMessage(
                                "0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No"
                                        + " preemption victims found for incoming pod.")
                        .withLastTransitionTime(ago(Duration.ofMinutes(15)))
                        .build()));
        pod.getStatus().setContainerStatuses(null);
        pod.getStatus().setHostIP(null);
        pod.getStatus().setPodIP(null);
        create(pod);
        warning(
                "payments",
                "Pod",
                pending,
                "FailedScheduling",
                "default-scheduler",
                "0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption"
                        + " victims found for incoming pod.",
                12,
                Duration.ofMinutes(15));

        // ledger-api selects app=ledger-api, but the ledger pods are labelled app=ledger.
        create(new ServiceBuilder()
                .withNewMetadata()
                .withName("ledger-api")
                .withNamespace("payments")
                .withCreationTimestamp(ago(Duration.ofDays(3)))
                .endMetadata()
                .withNewSpec()
                .withType("ClusterIP")
                .withClusterIP("10.96.40.17")
                .addToSelector("app", "ledger-api")
                .addNewPort()
                .withName("http")
                .withPort(80)
                .withNewTargetPort(8080)
                .withProtocol("TCP")
                .endPort()
                .endSpec()
                .build());
        create(new EndpointsBuilder()
                .withNewMetadata()
                .withName("ledger-api")
                .withNamespace("payments")
                .endMetadata()
                .build());
        warning(
                "payments",
                "Service",
                "ledger-api",
                "NoEndpoints",
                "pilothouse-demo",
                "Service payments/ledger-api selects app=ledger-api, which matches no pods; clients get connection refused.",
                1,
                Duration.ofDays(3));

        healthy("payments", "payments-api", "ghcr.io/acme/payments-api:3.1.0", 2, "59d8b7c6f", 8080, "200m", "256Mi");
        service("payments", "payments-api", "payments-api", 8080, 8080);
        create(new SecretBuilder()
                .withNewMetadata()
                .withName("db-credentials")
                .withNamespace("payments")
                .endMetadata()
                .withType("Opaque")
                .addToData("username", b64("payments"))
                .addToData("password", b64("demo-Pa55w0rd!"))
                .build());
    }

    private void monitoring() {
        healthy(
                "monitoring",
                "prometheus",
                "quay.io/prometheus/prometheus:v3.1.0",
                1,
                "6f5d4c3b2",
                9090,
                "500m",
                "2Gi");
        service("monitoring", "prometheus", "prometheus", 9090, 9090);
        healthy("monitoring", "grafana", "grafana/grafana:11.4.0", 1, "7d6c5b4a3", 3000, "100m", "256Mi");
        service("monitoring", "grafana", "grafana", 80, 3000);
    }

    private void certificates() {
        try (InputStream in = getClass().getResourceAsStream("/demo/certificates.cert-manager.io.yaml")) {
            CustomResourceDefinition crd =
                    client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
            create(crd);
        } catch (IOException e) {
            throw new IllegalStateException("demo CRD missing from the jar", e);
        }
        certificate(
                "shop",
                "web-tls",
                "web-tls",
                List.of("shop.acme.example", "www.shop.acme.example"),
                true,
                "Ready",
                "Certificate is up to date and has not expired");
        certificate(
                "shop",
                "checkout-tls",
                "checkout-tls",
                List.of("checkout.shop.acme.example"),
                false,
                "DoesNotExist",
                "Issuing certificate as Secret does not exist");
        warning(
                "shop",
                "Certificate",
                "checkout-tls",
                "Failed",
                "cert-manager-certificates-issuing",
                "The certificate request has failed to complete and will be retried: issuer letsencrypt-prod is not ready",
                6,
                Duration.ofHours(2));
    }

    // ---------------------------------------------------------------- building blocks

    private void nodes() {
        for (String name : NODES) {
            create(new NodeBuilder()
                    .withNewMetadata()
                    .withName(name)
                    .withCreationTimestamp(ago(Duration.ofDays(41)))
                    .addToLabels("kubernetes.io/hostname", name)
                    .addToLabels("node.kubernetes.io/instance-type", "m6i.xlarge")
                    .addToLabels("topology.kubernetes.io/zone", "eu-west-1" + (char) ('a' + NODES.indexOf(name)))
                    .endMetadata()
                    .withNewSpec()
                    .withProviderID("demo://" + name)
                    .endSpec()
                    .withNewStatus()
                    .addToCapacity("cpu", new Quantity("4"))
                    .addToCapacity("memory", new Quantity("16Gi"))
                    .addToCapacity("pods", new Quantity("110"))
                    .addToAllocatable("cpu", new Quantity("3920m"))
                    .addToAllocatable("memory", new Quantity("15Gi"))
                    .addToAllocatable("pods", new Quantity("110"))
                    .addNewCondition()
                    .withType("Ready")
                    .withStatus("True")
                    .withReason("KubeletReady")
                    .withMessage("kubelet is posting ready status")
                    .withLastTransitionTime(ago(Duration.ofDays(41)))
                    .endCondition()
                    .addNewCondition()
                    .withType("MemoryPressure")
                    .withStatus("False")
                    .withReason("KubeletHasSufficientMemory")
                    .endCondition()
                    .addNewCondition()
                    .withType("DiskPressure")
                    .withStatus("False")
                    .withReason("KubeletHasNoDiskPressure")
                    .endCondition()
                    .withNewNodeInfo()
                    .withKubeletVersion("v1.35.0")
                    .withOsImage("Bottlerocket OS 1.30.0")
                    .withContainerRuntimeVersion("containerd://2.0.2")
                    .withArchitecture("amd64")
                    .withOperatingSystem("linux")
                    .endNodeInfo()
                    .endStatus()
                    .build());
        }
    }

    /** A Deployment with its ReplicaSet and running, ready pods, all healthy. */
    private void healthy(
            String ns, String name, String image, int replicas, String hash, int port, String cpu, String memory) {
        Deployment d = deployment(ns, name, image, replicas, hash, cpu, memory);
        d.getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .getFirst()
                .setPorts(List.of(new io.fabric8.kubernetes.api.model.ContainerPortBuilder()
                        .withContainerPort(port)
                        .withName("http")
                        .build()));
        d.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder()
                .withReplicas(replicas)
                .withUpdatedReplicas(replicas)
                .withReadyReplicas(replicas)
                .withAvailableReplicas(replicas)
                .withObservedGeneration(1L)
                .withConditions(new DeploymentConditionBuilder()
                        .withType("Available")
                        .withStatus("True")
                        .withReason("MinimumReplicasAvailable")
                        .withMessage("Deployment has minimum availability.")
                        .withLastTransitionTime(ago(Duration.ofDays(6)))
                        .build())
                .build());
        create(d);
        replicaSet(d, hash, replicas, replicas);
        String[] suffixes = {"x2k4p", "9qwzt", "m8n3c", "b7v5r", "k4j9s"};
        List<String> ips = new ArrayList<>();
        for (int i = 0; i < replicas; i++) {
            String podName = name + "-" + hash + "-" + suffixes[i % suffixes.length];
            Pod pod = pod(
                    ns,
                    podName,
                    d,
                    hash,
                    "Running",
                    true,
                    ago(Duration.ofDays(6).plusHours(i)));
            pod.getStatus()
                    .setContainerStatuses(List.of(new ContainerStatusBuilder()
                            .withName(name)
                            .withImage(image)
                            .withReady(true)
                            .withStarted(true)
                            .withRestartCount(0)
                            .withNewState()
                            .withNewRunning()
                            .withStartedAt(ago(Duration.ofDays(6)))
                            .endRunning()
                            .endState()
                            .build()));
            create(pod);
            ips.add(pod.getStatus().getPodIP());
            logs.put(
                    ns,
                    podName,
                    name,
                    String.join(
                                    "\n",
                                    "2026-11-19T07:02:11.004Z INFO  " + name + " listening on :" + port,
                                    "2026-11-25T08:40:55.310Z INFO  GET /healthz 200 0.4ms",
                                    "2026-11-25T08:41:10.118Z INFO  GET /api/v1/catalog 200 12.8ms",
                                    "2026-11-25T08:41:25.310Z INFO  GET /healthz 200 0.3ms")
                            + "\n",
                    null);
        }
        create(new EndpointsBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(ns)
                .endMetadata()
                .addNewSubset()
                .withAddresses(ips.stream()
                        .map(ip -> new io.fabric8.kubernetes.api.model.EndpointAddressBuilder()
                                .withIp(ip)
                                .build())
                        .toList())
                .addNewPort()
                .withName("http")
                .withPort(port)
                .withProtocol("TCP")
                .endPort()
                .endSubset()
                .build());
    }

    private Deployment deployment(
            String ns, String name, String image, int replicas, String hash, String cpu, String memory) {
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(ns)
                .addToLabels("app", name)
                .withGeneration(1L)
                .withCreationTimestamp(ago(Duration.ofDays(30)))
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withNewSelector()
                .addToMatchLabels("app", name)
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", name)
                .endMetadata()
                .withNewSpec()
                .addToContainers(new ContainerBuilder()
                        .withName(name)
                        .withImage(image)
                        .withNewResources()
                        .addToRequests("cpu", new Quantity(cpu))
                        .addToRequests("memory", new Quantity(memory))
                        .addToLimits("memory", new Quantity(memory))
                        .endResources()
                        .build())
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    private void replicaSet(Deployment owner, String hash, int replicas, int ready) {
        String ns = owner.getMetadata().getNamespace();
        String name = owner.getMetadata().getName();
        create(new ReplicaSetBuilder()
                .withNewMetadata()
                .withName(name + "-" + hash)
                .withNamespace(ns)
                .addToLabels("app", name)
                .addToLabels("pod-template-hash", hash)
                .withOwnerReferences(new OwnerReferenceBuilder()
                        .withApiVersion("apps/v1")
                        .withKind("Deployment")
                        .withName(name)
                        .withUid(uid(owner))
                        .withController(true)
                        .build())
                .withCreationTimestamp(ago(Duration.ofDays(6)))
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withNewSelector()
                .addToMatchLabels("app", name)
                .addToMatchLabels("pod-template-hash", hash)
                .endSelector()
                .withTemplate(owner.getSpec().getTemplate())
                .endSpec()
                .withNewStatus()
                .withReplicas(replicas)
                .withReadyReplicas(ready)
                .withAvailableReplicas(ready)
                .endStatus()
                .build());
    }

    private Pod pod(
            String ns, String name, Deployment owner, String hash, String phase, boolean ready, String started) {
        String node = NODES.get(nodeTurn++ % NODES.size());
        PodCondition readyCondition = new PodConditionBuilder()
                .withType("Ready")
                .withStatus(ready ? "True" : "False")
                .withLastTransitionTime(started)
                .build();
        return new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(ns)
                .addToLabels("app", owner.getMetadata().getName())
                .addToLabels("pod-template-hash", hash)
                .withOwnerReferences(new OwnerReferenceBuilder()
                        .withApiVersion("apps/v1")
                        .withKind("ReplicaSet")
                        .withName(owner.getMetadata().getName() + "-" + hash)
                        .withUid("rs-" + hash)
                        .withController(true)
                        .build())
                .withCreationTimestamp(started)
                .endMetadata()
                .withSpec(owner.getSpec().getTemplate().getSpec())
                .editSpec()
                .withNodeName(node)
                .endSpec()
                .withNewStatus()
                .withPhase(phase)
                .withStartTime(started)
                .withHostIP("10.0.1." + (10 + NODES.indexOf(node)))
                .withPodIP("10.244." + NODES.indexOf(node) + "." + (10 + Math.abs(name.hashCode() % 240)))
                .withConditions(
                        new PodConditionBuilder()
                                .withType("PodScheduled")
                                .withStatus("True")
                                .withLastTransitionTime(started)
                                .build(),
                        readyCondition)
                .withQosClass("Burstable")
                .endStatus()
                .build();
    }

    private static ContainerStatus waiting(String name, String image, String reason, String message) {
        return new ContainerStatusBuilder()
                .withName(name)
                .withImage(image)
                .withReady(false)
                .withStarted(false)
                .withRestartCount(0)
                .withNewState()
                .withNewWaiting()
                .withReason(reason)
                .withMessage(message)
                .endWaiting()
                .endState()
                .build();
    }

    private void service(String ns, String name, String app, int port, int targetPort) {
        create(new ServiceBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(ns)
                .withCreationTimestamp(ago(Duration.ofDays(30)))
                .endMetadata()
                .withNewSpec()
                .withType("ClusterIP")
                .withClusterIP("10.96." + (Math.abs(name.hashCode()) % 200) + ".10")
                .addToSelector("app", app)
                .addNewPort()
                .withName("http")
                .withPort(port)
                .withNewTargetPort(targetPort)
                .withProtocol("TCP")
                .endPort()
                .endSpec()
                .build());
    }

    private void certificate(
            String ns,
            String name,
            String secret,
            List<String> dnsNames,
            boolean ready,
            String reason,
            String message) {
        GenericKubernetesResource certificate = new GenericKubernetesResourceBuilder()
                .withApiVersion("cert-manager.io/v1")
                .withKind("Certificate")
                .withNewMetadata()
                .withName(name)
                .withNamespace(ns)
                .withCreationTimestamp(ago(Duration.ofDays(20)))
                .endMetadata()
                .withAdditionalProperties(Map.of(
                        "spec",
                                Map.of(
                                        "secretName", secret,
                                        "dnsNames", dnsNames,
                                        "issuerRef", Map.of("name", "letsencrypt-prod", "kind", "ClusterIssuer")),
                        "status",
                                Map.of(
                                        "conditions",
                                        List.of(Map.of(
                                                "type",
                                                "Ready",
                                                "status",
                                                ready ? "True" : "False",
                                                "reason",
                                                reason,
                                                "message",
                                                message,
                                                "lastTransitionTime",
                                                ago(Duration.ofHours(2)))),
                                        "notAfter",
                                        ready ? now.plus(Duration.ofDays(61)).toString() : "")))
                .build();
        client.genericKubernetesResources(CERTIFICATES)
                .inNamespace(ns)
                .resource(certificate)
                .create();
    }

    private void warning(
            String ns,
            String kind,
            String name,
            String reason,
            String component,
            String message,
            int count,
            Duration since) {
        String apiVersion = switch (kind) {
            case "Certificate" -> "cert-manager.io/v1";
            default -> "v1";
        };
        create(new EventBuilder()
                .withNewMetadata()
                .withName(name + "." + Long.toHexString(Math.abs((name + reason).hashCode())))
                .withNamespace(ns)
                .endMetadata()
                .withType("Warning")
                .withReason(reason)
                .withMessage(message)
                .withCount(count)
                .withInvolvedObject(new ObjectReferenceBuilder()
                        .withApiVersion(apiVersion)
                        .withKind(kind)
                        .withName(name)
                        .withNamespace(ns)
                        .build())
                .withNewSource()
                .withComponent(component)
                .endSource()
                .withFirstTimestamp(ago(since))
                .withLastTimestamp(ago(Duration.ofMinutes(1)))
                .build());
    }

    private void create(HasMetadata object) {
        client.resource(object).create();
    }

    private String uid(HasMetadata object) {
        return "uid-" + object.getMetadata().getNamespace() + "-"
                + object.getMetadata().getName();
    }

    private static String b64(String value) {
        return java.util.Base64.getEncoder().encodeToString(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private String ago(Duration duration) {
        return now.minus(duration)
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .toString();
    }
}
