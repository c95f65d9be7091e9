package dev.pilothouse.resource;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilothouse.support.ServerTest;
import org.junit.jupiter.api.Test;

/**
 * The logs of a container that has not started are a 400 that says why, in JSON, for a read and
 * for a follow alike: a follow used to answer 200 with the API server's error as the log text.
 */
class LogsOfWaitingContainersTest extends ServerTest {

    @Test
    void aPendingPodHasNoLogsYetAndSaysWhy() {
        var admin = admin();
        String pod = "/api/clusters/demo/namespaces/payments/pods/ledger-84f6c7d9b-z5rtn/logs";
        for (String query : new String[] {"", "?follow=true", "?previous=true"}) {
            var answer = admin.get(pod + query);
            assertThat(answer.status()).as(query + ": " + answer.body()).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            assertThat(answer.errorCode()).isEqualTo("logs_unavailable");
            assertThat(answer.errorMessage()).as(query).isNotBlank().doesNotContain("Failure executing");
        }
        assertThat(admin.get(pod).errorMessage()).contains("Unschedulable");
    }
}
