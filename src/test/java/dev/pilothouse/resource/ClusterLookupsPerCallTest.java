package dev.pilothouse.resource;

import static dev.pilothouse.support.ApiClient.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.pilothouse.support.ApiClient;
import dev.pilothouse.support.ServerTest;
import dev.pilothouse.support.StandInApiServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * One call resolves its cluster once ({@link ResourceAccess}): a describe used to read the
 * cluster's row 7 times and decrypt and parse its kubeconfig 3 times. Counted from the trace
 * lines of ClusterRepository.find and Kubeconfig.parse.
 */
class ClusterLookupsPerCallTest extends ServerTest {

    StandInApiServer apiServer;
    String cluster;
    ApiClient admin;
    final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    Logger rows;
    Logger kubeconfigs;

    @BeforeEach
    void start() throws Exception {
        apiServer = new StandInApiServer();
        admin = admin();
        cluster = uniqueName("count");
        registerCluster(cluster, apiServer.kubeconfig());
        rows = (Logger) LoggerFactory.getLogger("dev.pilothouse.cluster.ClusterRepository");
        kubeconfigs = (Logger) LoggerFactory.getLogger("dev.pilothouse.cluster.Kubeconfig");
        lines.start();
        for (Logger logger : new Logger[] {rows, kubeconfigs}) {
            logger.setLevel(Level.TRACE);
            logger.addAppender(lines);
        }
    }

    @AfterEach
    void stop() {
        for (Logger logger : new Logger[] {rows, kubeconfigs}) {
            logger.detachAppender(lines);
            logger.setLevel(null);
        }
        admin.delete("/api/clusters/" + cluster);
        apiServer.close();
    }

    long count(Logger logger) {
        return lines.list.stream()
                .filter(e -> e.getLoggerName().equals(logger.getName()))
                .count();
    }

    @Test
    void aDescribeReadsTheClusterRowOnceAndParsesNoKubeconfig() {
        // Warm: the client is built (one decrypt and parse) and discovery cached, as on a live server.
        assertThat(admin.get("/api/clusters/" + cluster + "/resources/deployments/web/describe?namespace=payments")
                        .status())
                .isEqualTo(200);
        lines.list.clear();

        var described =
                admin.get("/api/clusters/" + cluster + "/resources/deployments/web/describe?namespace=payments");

        assertThat(described.status()).as(described.body()).isEqualTo(200);
        System.out.printf(
                "describe: %d cluster row reads, %d kubeconfig decrypt+parse%n", count(rows), count(kubeconfigs));
        assertThat(count(rows)).as("cluster row reads").isEqualTo(1);
        assertThat(count(kubeconfigs)).as("kubeconfig decrypt+parse").isZero();
    }
}
