package dev.journeys.worker;

import dev.journeys.journey.JourneySearchAttributes;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Makes sure the namespace knows the journey search attributes; a journey that sets an unknown
 * attribute would fail its workflow tasks.
 */
@Component
public class SearchAttributeSetup {

  private static final Logger log = LoggerFactory.getLogger(SearchAttributeSetup.class);

  private final WorkflowClient client;

  public SearchAttributeSetup(WorkflowClient client) {
    this.client = client;
  }

  public void ensureRegistered() {
    String namespace = client.getOptions().getNamespace();
    var stubs = client.getWorkflowServiceStubs();
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setChannel(stubs.getRawChannel())
                .validateAndBuildWithDefaults());
    try {
      var existing =
          operator
              .blockingStub()
              .listSearchAttributes(
                  ListSearchAttributesRequest.newBuilder().setNamespace(namespace).build())
              .getCustomAttributesMap();
      Map<String, IndexedValueType> missing = new HashMap<>();
      for (var key : JourneySearchAttributes.ALL) {
        if (!existing.containsKey(key.getName())) {
          missing.put(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
        }
      }
      if (!missing.isEmpty()) {
        operator
            .blockingStub()
            .addSearchAttributes(
                AddSearchAttributesRequest.newBuilder()
                    .setNamespace(namespace)
                    .putAllSearchAttributes(missing)
                    .build());
        log.info("registered search attributes {} in namespace {}", missing.keySet(), namespace);
      }
    } catch (io.grpc.StatusRuntimeException e) {
      log.warn(
          "could not check or register search attributes {} in namespace {} ({}); register them"
              + " as Keyword attributes, or journeys will fail to record their step",
          JourneySearchAttributes.ALL.stream().map(k -> k.getName()).toList(),
          namespace,
          e.getStatus());
    } finally {
      operator.shutdown();
    }
  }
}
