package dev.journeys.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.catalog.JourneyCatalog;
import dev.journeys.event.CustomerEvent;
import dev.journeys.journey.CustomerJourney;
import dev.journeys.journey.Enrollment;
import dev.journeys.ledger.LedgerEntry;
import dev.journeys.ledger.LedgerStatus;
import dev.journeys.messaging.Channel;
import dev.journeys.messaging.Topic;
import dev.journeys.receipt.MessageReceipt;
import dev.journeys.receipt.ReceiptStatus;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A delivery receipt is signalled to the workflow that sent the message, read from the ledger
 * entry's idempotency key, so a per-order enrollment hears about its own messages (in-memory
 * Temporal, no worker: the test looks at which workflow got the signal).
 */
class ReceiptSignalsTest {

  private static final String RUN = "0f8fad5b-d9cb-469f-a165-70867728950e";

  private final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();

  @AfterEach
  void close() {
    env.close();
  }

  @Test
  void findsTheWorkflowIdBeforeTheFirstRunId() {
    assertThat(
            ReceiptSignals.sendingWorkflowId(
                "journey/post-purchase/ann/A-1/" + RUN + "/order-confirmation/email"))
        .contains("journey/post-purchase/ann/A-1");
    assertThat(
            ReceiptSignals.sendingWorkflowId(
                "journey/post-purchase/ann/" + RUN + "/review-request#2/sms/retry-1"))
        .contains("journey/post-purchase/ann");
  }

  @Test
  void readsAWorkflowIdThatHoldsUuidsWhole() {
    String order = "5b1c2a8e-3f4d-4e6a-9b7c-1d2e3f4a5b6c";
    String customer = "7d444840-9dc0-11d1-b245-5ffdce74fad2";
    assertThat(
            ReceiptSignals.sendingWorkflowId(
                "journey/post-purchase/ann/" + order + "/" + RUN + "/order-confirmation/email"))
        .contains("journey/post-purchase/ann/" + order);
    assertThat(
            ReceiptSignals.sendingWorkflowId(
                "journey/post-purchase/"
                    + customer
                    + "/"
                    + order
                    + "/"
                    + RUN
                    + "/review#2/sms/retry-3"))
        .contains("journey/post-purchase/" + customer + "/" + order);
    assertThat(
            ReceiptSignals.sendingWorkflowId(
                "journey/welcome-series/" + customer + "/" + RUN + "/welcome/email"))
        .contains("journey/welcome-series/" + customer);
  }

  @Test
  void signalsThePerOrderEnrollmentOfAUuidOrder() {
    String order = "5b1c2a8e-3f4d-4e6a-9b7c-1d2e3f4a5b6c";
    start("journey/post-purchase/ann");
    start("journey/post-purchase/ann/" + order);

    new ReceiptSignals(env.getWorkflowClient())
        .signal(
            entry("journey/post-purchase/ann/" + order + "/" + RUN + "/order-confirmation/email"),
            receipt());

    assertThat(signals("journey/post-purchase/ann/" + order)).isEqualTo(2);
    assertThat(signals("journey/post-purchase/ann")).isEqualTo(1);
  }

  @Test
  void aKeyWithoutARunIdHasNoSendingWorkflow() {
    assertThat(ReceiptSignals.sendingWorkflowId("journey/abandoned-cart/tia/run-1/cart/sms"))
        .isEmpty();
    assertThat(ReceiptSignals.sendingWorkflowId("k-twilio-forged")).isEmpty();
    assertThat(ReceiptSignals.sendingWorkflowId("journey/post-purchase/" + RUN)).isEmpty();
    assertThat(ReceiptSignals.sendingWorkflowId(null)).isEmpty();
  }

  @Test
  void signalsThePerOrderEnrollmentThatSentTheMessage() {
    start("journey/post-purchase/ann");
    start("journey/post-purchase/ann/A-1");
    start("journey/post-purchase/ann/A-2");
    String key = "journey/post-purchase/ann/A-1/" + RUN + "/order-confirmation/email";

    new ReceiptSignals(env.getWorkflowClient()).signal(entry(key), receipt());

    assertThat(signals("journey/post-purchase/ann/A-1")).isEqualTo(2);
    assertThat(signals("journey/post-purchase/ann/A-2")).isEqualTo(1);
    assertThat(signals("journey/post-purchase/ann")).isEqualTo(1);
  }

  @Test
  void fallsBackToTheCustomersEnrollmentWhenTheKeyDoesNotParse() {
    start("journey/post-purchase/ann");

    new ReceiptSignals(env.getWorkflowClient())
        .signal(entry("legacy-key/order-confirmation"), receipt());

    assertThat(signals("journey/post-purchase/ann")).isEqualTo(2);
  }

  private void start(String workflowId) {
    var event =
        new CustomerEvent("e-" + workflowId, "ann", "order_placed", Instant.EPOCH, Map.of());
    env.getWorkflowClient()
        .newUntypedWorkflowStub(
            "PostPurchase",
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(JourneyCatalog.TASK_QUEUE)
                .build())
        .signalWithStart(
            CustomerJourney.EVENT_SIGNAL,
            new Object[] {event},
            new Object[] {new Enrollment("post-purchase", "ann", event)});
  }

  private long signals(String workflowId) {
    return env.getWorkflowClient().fetchHistory(workflowId).getEvents().stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)
        .count();
  }

  private static LedgerEntry entry(String key) {
    return new LedgerEntry(
        key,
        "ann",
        "post-purchase",
        "order-confirmation",
        Channel.EMAIL,
        Topic.TRANSACTIONAL,
        "order-confirmation",
        LedgerStatus.SENT,
        null,
        "ann@example.com",
        "m-1",
        null,
        1,
        Instant.EPOCH,
        Instant.EPOCH,
        null,
        null,
        null,
        null);
  }

  private static MessageReceipt receipt() {
    return new MessageReceipt("email", "m-1", ReceiptStatus.DELIVERED, null, Instant.EPOCH);
  }

  static {
    assertThat(List.of(JourneyCatalog.POST_PURCHASE.enrollmentKey())).containsExactly("orderId");
  }
}
