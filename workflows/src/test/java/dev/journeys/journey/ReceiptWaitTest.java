package dev.journeys.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.journeys.catalog.JourneyCatalog;
import dev.journeys.event.CustomerEvent;
import dev.journeys.event.EventTypes;
import dev.journeys.messaging.Channel;
import dev.journeys.messaging.SendActivities;
import dev.journeys.messaging.SendOutcome;
import dev.journeys.messaging.SendRequest;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** "If the WhatsApp message is not delivered within an hour, send an SMS", with time skipping. */
class ReceiptWaitTest {

  @WorkflowInterface
  public interface OrderUpdateJourney extends CustomerJourney {
    @WorkflowMethod
    String run(Enrollment enrollment);
  }

  /** Sends on WhatsApp, waits for the receipt, falls back to SMS unless delivered. */
  public static class OrderUpdateJourneyImpl implements OrderUpdateJourney {
    private final Journey journey = Journey.withGoals(EventTypes.ORDER_PLACED);
    private String result;

    @Override
    public String run(Enrollment enrollment) {
      journey.run(
          enrollment,
          () -> {
            SendOutcome sent =
                journey.send(Message.firstAllowed(Channel.WHATSAPP).key("order-update"));
            var delivery = ReceiptWait.on(journey).awaitDelivery(sent, Duration.ofHours(1));
            result = delivery.getClass().getSimpleName();
            if (delivery instanceof ReceiptWait.Delivery.Failed failed) {
              result += ":" + failed.status() + ":" + failed.reason();
            }
            if (!(delivery instanceof ReceiptWait.Delivery.Delivered)) {
              journey.send(Message.sms("order-update").atStep("order-update-sms"));
            }
          });
      return result;
    }

    @Override
    public void onEvent(CustomerEvent event) {
      journey.receive(event);
    }

    @Override
    public JourneyState state() {
      return journey.state();
    }
  }

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private final List<SendRequest> requests = new ArrayList<>();

  @BeforeEach
  void setUp() {
    env = TestWorkflowEnvironment.newInstance();
    for (var key : JourneySearchAttributes.ALL) {
      env.registerSearchAttribute(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    }
    Worker worker = env.newWorker(JourneyCatalog.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(OrderUpdateJourneyImpl.class);
    SendActivities sends = mock(SendActivities.class, withSettings().withoutAnnotations());
    when(sends.send(any()))
        .thenAnswer(
            call -> {
              SendRequest request = call.getArgument(0);
              synchronized (requests) {
                requests.add(request);
              }
              return new SendOutcome.Sent(request.channel(), "wamid." + requests.size());
            });
    var enrollments =
        new dev.journeys.funnel.EnrollmentActivities() {
          @Override
          public void entered(dev.journeys.funnel.EnrollmentEntered entered) {}

          @Override
          public void ended(dev.journeys.funnel.EnrollmentEnded ended) {}
        };
    worker.registerActivitiesImplementations(sends, enrollments);
    env.start();
    client = env.getWorkflowClient();
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  @Test
  void aDeliveredReceiptWithinTheHourMeansNoSms() {
    var journey = start();
    env.sleep(Duration.ofMinutes(10));

    journey.onEvent(receipt("r1", EventTypes.MESSAGE_DELIVERED, "wamid.1", "DELIVERED"));

    assertThat(result(journey)).isEqualTo("Delivered");
    assertThat(channelsSent()).containsExactly(Channel.WHATSAPP);
  }

  @Test
  void noReceiptWithinTheHourSendsTheSms() {
    var journey = start();

    assertThat(result(journey)).isEqualTo("NoReceipt");
    assertThat(channelsSent()).containsExactly(Channel.WHATSAPP, Channel.SMS);
  }

  @Test
  void aFailedReceiptSendsTheSmsAtOnce() {
    var journey = start();
    env.sleep(Duration.ofMinutes(5));

    journey.onEvent(receipt("r2", EventTypes.MESSAGE_FAILED, "wamid.1", "FAILED"));

    assertThat(result(journey)).isEqualTo("Failed:FAILED:131026");
    // the outcome names the failure receipt, so the SMS followed it, not the hour's timeout
    // (asserting on the test server's clock here is racy: it may skip ahead once the run is done)
    assertThat(channelsSent()).containsExactly(Channel.WHATSAPP, Channel.SMS);
  }

  @Test
  void aReceiptForAnotherMessageIsIgnored() {
    var journey = start();
    env.sleep(Duration.ofMinutes(5));

    journey.onEvent(receipt("r3", EventTypes.MESSAGE_DELIVERED, "wamid.other", "DELIVERED"));

    assertThat(result(journey)).isEqualTo("NoReceipt");
    assertThat(channelsSent()).containsExactly(Channel.WHATSAPP, Channel.SMS);
  }

  private OrderUpdateJourney start() {
    var journey =
        client.newWorkflowStub(
            OrderUpdateJourney.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId("journey/order-update/c-1")
                .setTaskQueue(JourneyCatalog.TASK_QUEUE)
                .build());
    WorkflowClient.start(journey::run, new Enrollment("order-update", "c-1", null));
    return journey;
  }

  private String result(OrderUpdateJourney journey) {
    return WorkflowStub.fromTyped(journey).getResult(String.class);
  }

  private List<Channel> channelsSent() {
    synchronized (requests) {
      return requests.stream().map(SendRequest::channel).toList();
    }
  }

  private static CustomerEvent receipt(String id, String type, String providerId, String status) {
    return new CustomerEvent(
        id,
        "c-1",
        type,
        Instant.parse("2026-11-23T10:00:00Z"),
        Map.of(
            "providerMessageId",
            providerId,
            "channel",
            "WHATSAPP",
            "status",
            status,
            "reason",
            "131026"));
  }
}
