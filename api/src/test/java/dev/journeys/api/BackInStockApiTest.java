package dev.journeys.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.journey.backinstock.BackInStockFanOut;
import dev.journeys.journey.backinstock.Restock;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The back-in-stock endpoints over HTTP, on real PostgreSQL and Temporal's test server. */
class BackInStockApiTest extends ApiTestSupport {

  @Autowired JdbcClient jdbc;
  @Autowired WorkflowClient temporal;

  @Test
  void subscribesACustomerToAProductOnce() throws Exception {
    var first = post("/v1/products/tea-1/subscriptions", "{\"customerId\":\"ada\"}");
    var again = post("/v1/products/tea-1/subscriptions", "{\"customerId\":\"ada\"}");

    assertThat(first.getStatusCode().value()).isEqualTo(201);
    assertThat(again.getStatusCode().value()).isEqualTo(200);
    assertThat(json.readTree(again.getBody()).get("status").asText())
        .isEqualTo("already-subscribed");
    assertThat(
            jdbc.sql("select count(*) from stock_subscription where product_id = 'tea-1'")
                .query(Long.class)
                .single())
        .isEqualTo(1L);
  }

  @Test
  void rejectsASubscriptionWithoutACustomerOrWithABadProductId() {
    assertThat(post("/v1/products/tea-1/subscriptions", "{}").getStatusCode().value())
        .isEqualTo(400);
    assertThat(
            post("/v1/products/tea 1/subscriptions", "{\"customerId\":\"ada\"}")
                .getStatusCode()
                .value())
        .isEqualTo(400);
  }

  @Test
  void aRestockStartsOneFanOutPerRestockId() throws Exception {
    var started =
        post("/v1/products/mug-1/restocks", "{\"restockId\":\"inv-7\",\"productName\":\"Mug\"}");
    var repeated =
        post("/v1/products/mug-1/restocks", "{\"restockId\":\"inv-7\",\"productName\":\"Mug\"}");

    assertThat(started.getStatusCode().value()).isEqualTo(202);
    assertThat(json.readTree(started.getBody()).get("workflowId").asText())
        .isEqualTo("restock/mug-1/inv-7");
    assertThat(json.readTree(started.getBody()).get("status").asText()).isEqualTo("started");
    assertThat(json.readTree(repeated.getBody()).get("status").asText()).isEqualTo("duplicate");
    assertThat(temporal.newUntypedWorkflowStub("restock/mug-1/inv-7").describe().getWorkflowType())
        .isEqualTo("BackInStockFanOut");
  }

  /** The API starts the fan-out without its classes: the fan-out must read what the API wrote. */
  @Test
  void theFanOutReadsTheRestockTheApiStarted() {
    post("/v1/products/pot-2/restocks", "{\"restockId\":\"inv-9\",\"productName\":\"Pot\"}");

    var input =
        temporal
            .fetchHistory("restock/pot-2/inv-9")
            .getHistory()
            .getEvents(0)
            .getWorkflowExecutionStartedEventAttributes()
            .getInput();
    Restock restock =
        DefaultDataConverter.STANDARD_INSTANCE.fromPayloads(
            0, Optional.of(input), Restock.class, Restock.class);

    assertThat(restock).isEqualTo(new Restock("inv-9", "pot-2", "Pot"));
    assertThat(BackInStockFanOut.workflowId(restock)).isEqualTo("restock/pot-2/inv-9");
  }

  private ResponseEntity<String> post(String path, String body) {
    return sendJson(HttpMethod.POST, path, body);
  }
}
