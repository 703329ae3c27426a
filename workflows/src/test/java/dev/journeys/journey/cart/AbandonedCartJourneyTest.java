package dev.journeys.journey.cart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.journeys.event.CustomerEvent;
import dev.journeys.event.EventTypes;
import dev.journeys.experiment.ExperimentActivities;
import dev.journeys.experiment.ExperimentDecision;
import dev.journeys.experiment.ExperimentOutcome;
import dev.journeys.journey.Enrollment;
import dev.journeys.journey.JourneyCatalog;
import dev.journeys.journey.JourneyOutcome;
import dev.journeys.journey.JourneySearchAttributes;
import dev.journeys.messaging.Channel;
import dev.journeys.messaging.SendActivities;
import dev.journeys.messaging.SendOutcome;
import dev.journeys.messaging.SendRequest;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class AbandonedCartJourneyTest {

  private static final String CUSTOMER = "c-42";

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private SendActivities sends;
  private final List<SendRequest> requests = new ArrayList<>();
  private final Map<String, String> decisions = new java.util.concurrent.ConcurrentHashMap<>();
  private final List<ExperimentOutcome> outcomes =
      java.util.Collections.synchronizedList(new ArrayList<>());
  private final ExperimentActivities experiments =
      new ExperimentActivities() {
        @Override
        public ExperimentDecision decision(String name) {
          return decisions.containsKey(name)
              ? new ExperimentDecision(name, decisions.get(name), "api", "test", Instant.EPOCH)
              : ExperimentDecision.undecided(name);
        }

        @Override
        public void recordOutcome(ExperimentOutcome outcome) {
          outcomes.add(outcome);
        }
      };

  @BeforeEach
  void setUp() {
    env = TestWorkflowEnvironment.newInstance();
    for (var key : JourneySearchAttributes.ALL) {
      env.registerSearchAttribute(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    }
    Worker worker = env.newWorker(JourneyCatalog.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(AbandonedCartJourneyImpl.class);
    sends = mock(SendActivities.class, withSettings().withoutAnnotations());
    when(sends.send(any()))
        .thenAnswer(
            call -> {
              SendRequest request = call.getArgument(0);
              synchronized (requests) {
                requests.add(request);
              }
              // as the real activity: a held-out message is recorded, never sent
              return request.holdout()
                  ? new SendOutcome.Suppressed(SendOutcome.Suppressed.HOLDOUT)
                  : new SendOutcome.Sent(request.channel(), "provider-" + requests.size());
            });
    worker.registerActivitiesImplementations(sends, experiments);
    env.start();
    client = env.getWorkflowClient();
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  @Test
  void convertsWithoutAnyMessageWhenOrderArrivesWithinTheFirstHour() {
    var journey = start();

    env.sleep(Duration.ofMinutes(30));
    journey.onEvent(event("e-order", EventTypes.ORDER_PLACED));

    assertThat(result(journey)).isEqualTo(JourneyOutcome.CONVERTED);
    verify(sends, never()).send(any());
  }

  @Test
  void convertsAfterTheReminderWhenOrderArrivesBeforeTheLastCall() {
    var journey = start();

    env.sleep(Duration.ofHours(2));
    assertThat(journey.state().step()).isEqualTo("wait-after-reminder");
    journey.onEvent(event("e-order", EventTypes.ORDER_PLACED));

    assertThat(result(journey)).isEqualTo(JourneyOutcome.CONVERTED);
    assertThat(requests).extracting(SendRequest::messageKey).containsExactly("cart-reminder");
    assertThat(requests.getFirst().channel()).isEqualTo(Channel.EMAIL);
  }

  @Test
  void remindsByEmailThenMakesLastCallBySmsWhenNoOrderComes() {
    var journey = start();

    assertThat(result(journey)).isEqualTo(JourneyOutcome.COMPLETED);
    assertThat(requests)
        .extracting(SendRequest::messageKey, SendRequest::channel)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("cart-reminder", Channel.EMAIL),
            org.assertj.core.groups.Tuple.tuple("cart-last-call", Channel.SMS));
    // the reminder went out one hour after the cart was abandoned, the last call a day after
    var state = journey.state();
    assertThat(state.outcome()).isEqualTo(JourneyOutcome.COMPLETED);
    assertThat(state.messages()).hasSize(2);
  }

  @Test
  void fallsBackToEmailForTheLastCallWhenTheCustomerHasNoPhone() {
    org.mockito.Mockito.doAnswer(
            call -> {
              SendRequest request = call.getArgument(0);
              requests.add(request);
              return request.channel() == Channel.SMS
                  ? new SendOutcome.Suppressed("no_address")
                  : new SendOutcome.Sent(Channel.EMAIL, "m-" + requests.size());
            })
        .when(sends)
        .send(any());
    var journey = start();

    assertThat(result(journey)).isEqualTo(JourneyOutcome.COMPLETED);
    assertThat(requests)
        .extracting(SendRequest::messageKey, SendRequest::channel)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("cart-reminder", Channel.EMAIL),
            org.assertj.core.groups.Tuple.tuple("cart-last-call", Channel.SMS),
            org.assertj.core.groups.Tuple.tuple("cart-last-call", Channel.EMAIL));
    assertThat(journey.state().messages().getLast().outcome()).isInstanceOf(SendOutcome.Sent.class);
  }

  @Test
  void derivesIdempotencyKeysFromTheEnrollmentAndStepNeverFromChance() {
    var journey = start();
    result(journey);

    var execution = WorkflowStubExecution.of(journey);
    assertThat(requests)
        .extracting(SendRequest::idempotencyKey)
        .containsExactly(execution + "/cart-reminder/email", execution + "/cart-last-call/sms");
  }

  @Test
  void passesTheCartContentsToTheMessages() {
    var journey = start();
    result(journey);

    ArgumentCaptor<SendRequest> sent = ArgumentCaptor.forClass(SendRequest.class);
    verify(sends, org.mockito.Mockito.times(2)).send(sent.capture());
    assertThat(sent.getAllValues().getFirst().data()).containsEntry("cartTotal", "59.90");
  }

  @Test
  void reportsItsStepAndNextWakeUpWhileWaiting() {
    var journey = start();
    Instant started = Instant.ofEpochMilli(env.currentTimeMillis());

    env.sleep(Duration.ofMinutes(10));

    var state = journey.state();
    assertThat(state.step()).isEqualTo("wait-for-order");
    assertThat(state.waitingFor()).isEqualTo("timer");
    assertThat(state.wakeUpAt())
        .isBetween(started.plus(Duration.ofMinutes(59)), started.plus(Duration.ofMinutes(61)));
    assertThat(state.outcome()).isNull();
  }

  @Test
  void usesConfiguredDelays() {
    restartWith(new AbandonedCartSettings(Duration.ofSeconds(2), Duration.ofSeconds(3)));
    var journey = start();

    env.sleep(Duration.ofSeconds(2).plusMillis(500));
    assertThat(requests).extracting(SendRequest::messageKey).containsExactly("cart-reminder");
    assertThat(result(journey)).isEqualTo(JourneyOutcome.COMPLETED);
  }

  @Test
  void makesTheLastCallByEmailForCustomersInTheEmailArm() {
    restartWith(new AbandonedCartSettings(Duration.ofHours(1), Duration.ofHours(23), 0, 1, 0));
    var journey = start();

    assertCompletesWithTheLastCallByEmail(journey);
  }

  @Test
  void recordsTheArmOfTheLastCallExperimentOnTheEnrollment() {
    var journey = start();
    env.sleep(Duration.ofMinutes(1));

    String arm = AbandonedCartSettings.DEFAULTS.lastCallExperiment().assign(CUSTOMER);
    assertThat(journey.state().variants())
        .containsExactly(Map.entry(AbandonedCartJourneyImpl.LAST_CALL_EXPERIMENT, arm));
    assertThat(
            client
                .newUntypedWorkflowStub(JourneyCatalog.ABANDONED_CART.workflowId(CUSTOMER))
                .describe()
                .getTypedSearchAttributes()
                .get(JourneySearchAttributes.JOURNEY_VARIANT))
        .isEqualTo(AbandonedCartJourneyImpl.LAST_CALL_EXPERIMENT + "=" + arm);
  }

  @Test
  void sendsTheHoldOutGroupNothingButStillCountsTheirOrders() {
    restartWith(new AbandonedCartSettings(Duration.ofHours(1), Duration.ofHours(23), 1, 1, 100));
    var journey = start();

    env.sleep(Duration.ofHours(10));
    assertThat(journey.state().step()).isEqualTo("holdout");
    journey.onEvent(event("e-order", EventTypes.ORDER_PLACED));

    assertThat(result(journey)).isEqualTo(JourneyOutcome.CONVERTED);
    assertThat(requests).isNotEmpty().allMatch(SendRequest::holdout);
    assertThat(journey.state().variants())
        .containsEntry(AbandonedCartJourneyImpl.LAST_CALL_EXPERIMENT, "holdout");
  }

  @Test
  void theHoldOutGroupCompletesWithoutAMessageWhenNoOrderComes() {
    restartWith(new AbandonedCartSettings(Duration.ofHours(1), Duration.ofHours(23), 1, 1, 100));
    var journey = start();

    assertThat(result(journey)).isEqualTo(JourneyOutcome.COMPLETED);
    assertThat(requests).isNotEmpty().allMatch(SendRequest::holdout);
  }

  @Test
  void sendsEveryoneTheWinningChannelOnceTheExperimentIsDecided() {
    // c-42 is in the SMS arm by the split; the experiment was decided for email
    decisions.put(AbandonedCartJourneyImpl.LAST_CALL_EXPERIMENT, "email");
    var journey = start();

    assertCompletesWithTheLastCallByEmail(journey);
  }

  @Test
  void recordsTheOutcomePerVariantSoConversionsAreAttributed() {
    var journey = start();
    env.sleep(Duration.ofHours(2));
    journey.onEvent(event("e-order", EventTypes.ORDER_PLACED));
    result(journey);

    var execution = WorkflowStubExecution.of(journey);
    assertThat(outcomes)
        .containsExactly(
            new ExperimentOutcome(
                AbandonedCartJourneyImpl.LAST_CALL_EXPERIMENT,
                "sms",
                execution.toString(),
                JourneyOutcome.CONVERTED));
  }

  @Test
  void ignoresADecisionForAnArmTheExperimentDoesNotHave() {
    decisions.put(AbandonedCartJourneyImpl.LAST_CALL_EXPERIMENT, "carrier-pigeon");
    var journey = start();

    assertThat(result(journey)).isEqualTo(JourneyOutcome.COMPLETED);
    assertThat(requests.getLast().channel()).isEqualTo(Channel.SMS);
  }

  @Test
  void theHoldOutGroupStaysHeldOutAfterADecision() {
    decisions.put(AbandonedCartJourneyImpl.LAST_CALL_EXPERIMENT, "email");
    restartWith(new AbandonedCartSettings(Duration.ofHours(1), Duration.ofHours(23), 1, 1, 100));
    var journey = start();

    assertThat(result(journey)).isEqualTo(JourneyOutcome.COMPLETED);
    assertThat(requests).isNotEmpty().allMatch(SendRequest::holdout);
  }

  @Test
  void recordsEachMessageWithheldFromTheHoldOutGroupWhenTheOthersGetIt() {
    restartWith(HeldOutAbandonedCart.EVERYONE_HELD_OUT);
    var journey = start();
    Instant started = Instant.ofEpochMilli(env.currentTimeMillis());

    env.sleep(Duration.ofMinutes(61));
    assertThat(requests)
        .extracting(SendRequest::messageKey, SendRequest::channel, SendRequest::holdout)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("cart-reminder", Channel.EMAIL, true));

    assertThat(result(journey)).isEqualTo(JourneyOutcome.COMPLETED);
    var execution = WorkflowStubExecution.of(journey);
    // one request per withheld message, on its first channel only, keyed like a real send
    assertThat(requests)
        .extracting(SendRequest::idempotencyKey, SendRequest::holdout)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(execution + "/cart-reminder/email", true),
            org.assertj.core.groups.Tuple.tuple(execution + "/cart-last-call/sms", true));
    assertThat(journey.state().messages())
        .extracting(m -> m.outcome())
        .containsOnly(new SendOutcome.Suppressed("holdout"));
    assertThat(env.currentTimeMillis() - started.toEpochMilli())
        .isGreaterThanOrEqualTo(Duration.ofHours(24).toMillis());
  }

  @Test
  void withholdsNothingMoreOnceAHeldOutCustomerOrders() {
    restartWith(HeldOutAbandonedCart.EVERYONE_HELD_OUT);
    var journey = start();

    env.sleep(Duration.ofHours(2));
    journey.onEvent(event("e-order", EventTypes.ORDER_PLACED));

    assertThat(result(journey)).isEqualTo(JourneyOutcome.CONVERTED);
    assertThat(requests)
        .extracting(SendRequest::messageKey, SendRequest::holdout)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("cart-reminder", true));
  }

  private void restartWith(AbandonedCartSettings settings) {
    env.close();
    env = TestWorkflowEnvironment.newInstance();
    for (var key : JourneySearchAttributes.ALL) {
      env.registerSearchAttribute(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    }
    Worker worker = env.newWorker(JourneyCatalog.TASK_QUEUE);
    worker.registerWorkflowImplementationFactory(
        AbandonedCartJourney.class, () -> new AbandonedCartJourneyImpl(settings));
    worker.registerActivitiesImplementations(sends, experiments);
    env.start();
    client = env.getWorkflowClient();
  }

  /** The journey completes, both messages went by email, and the email arm is on record. */
  private void assertCompletesWithTheLastCallByEmail(AbandonedCartJourney journey) {
    assertThat(result(journey)).isEqualTo(JourneyOutcome.COMPLETED);
    assertThat(requests)
        .extracting(SendRequest::messageKey, SendRequest::channel)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("cart-reminder", Channel.EMAIL),
            org.assertj.core.groups.Tuple.tuple("cart-last-call", Channel.EMAIL));
    assertThat(journey.state().variants())
        .containsEntry(AbandonedCartJourneyImpl.LAST_CALL_EXPERIMENT, "email");
  }

  private AbandonedCartJourney start() {
    var journey =
        client.newWorkflowStub(
            AbandonedCartJourney.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(JourneyCatalog.TASK_QUEUE)
                .setWorkflowId(JourneyCatalog.ABANDONED_CART.workflowId(CUSTOMER))
                .build());
    WorkflowClient.start(
        journey::run,
        new Enrollment(
            JourneyCatalog.ABANDONED_CART.name(),
            CUSTOMER,
            new CustomerEvent(
                "e-cart",
                CUSTOMER,
                EventTypes.CART_ABANDONED,
                Instant.parse("2026-11-23T10:00:00Z"),
                Map.of("cartTotal", "59.90"))));
    return journey;
  }

  private static JourneyOutcome result(AbandonedCartJourney journey) {
    return io.temporal.client.WorkflowStub.fromTyped(journey).getResult(JourneyOutcome.class);
  }

  private static CustomerEvent event(String id, String type) {
    return new CustomerEvent(id, CUSTOMER, type, Instant.parse("2026-11-23T10:30:00Z"), Map.of());
  }

  /** "workflowId/firstRunId" of a started journey. */
  private record WorkflowStubExecution(String workflowId, String runId) {
    static WorkflowStubExecution of(AbandonedCartJourney journey) {
      var execution = io.temporal.client.WorkflowStub.fromTyped(journey).getExecution();
      return new WorkflowStubExecution(execution.getWorkflowId(), execution.getRunId());
    }

    @Override
    public String toString() {
      return workflowId + "/" + runId;
    }
  }
}
