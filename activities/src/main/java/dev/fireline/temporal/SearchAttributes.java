package dev.fireline.temporal;

import dev.fireline.incident.IncidentSearchAttributes;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers Fireline's search attributes at start-up where the server allows it. Incidents only set
 * search attributes when they are known to exist: an unregistered one would fail every workflow
 * task.
 */
@Configuration(proxyBeanMethods = false)
public class SearchAttributes {
  private static final Logger log = LoggerFactory.getLogger(SearchAttributes.class);

  /** Whether new incidents set Fireline's search attributes. */
  public record Support(boolean enabled) {}

  @Bean
  Support searchAttributeSupport(
      WorkflowServiceStubs service,
      @Value("${spring.temporal.namespace:default}") String namespace,
      @Value("${fireline.temporal.search-attributes:auto}") String mode) {
    return switch (mode.trim().toLowerCase()) {
      case "on" -> new Support(true);
      case "off" -> new Support(false);
      default -> new Support(register(service, namespace));
    };
  }

  static boolean register(WorkflowServiceStubs service, String namespace) {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setChannel(service.getRawChannel())
                .validateAndBuildWithDefaults());
    try {
      AddSearchAttributesRequest.Builder request =
          AddSearchAttributesRequest.newBuilder().setNamespace(namespace);
      for (Map.Entry<String, String> attribute : IncidentSearchAttributes.ALL.entrySet()) {
        request.putSearchAttributes(
            attribute.getKey(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
      }
      operator.blockingStub().addSearchAttributes(request.build());
      log.info(
          "Search attributes {} registered in namespace {}",
          IncidentSearchAttributes.ALL.keySet(),
          namespace);
      return true;
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.ALREADY_EXISTS) {
        return true;
      }
      log.warn(
          "Search attributes {} could not be registered in namespace {} ({}); incidents will "
              + "not set them. Register them and set fireline.temporal.search-attributes=on.",
          IncidentSearchAttributes.ALL.keySet(),
          namespace,
          e.getStatus().getCode());
      return false;
    } finally {
      operator.shutdown();
    }
  }
}
