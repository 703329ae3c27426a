package dev.journeys.journey;

import static dev.journeys.journey.JourneyTestEnvironment.event;
import static dev.journeys.journey.JourneyTestEnvironment.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.event.EventTypes;
import dev.journeys.handoff.HandoffTicket;
import dev.journeys.messaging.Channel;
import dev.journeys.messaging.SendOutcome;
import dev.journeys.messaging.SendRequest;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the SDK does with each send outcome (issue 9): Sent stops, Suppressed and Failed fall back,
 * Deferred and Throttled are waited out and asked again under the same key, Uncertain stops without
 * a fallback; activity failures are recorded and the journey goes on.
 */
class JourneySendOutcomesTest {

  private static final String CUSTOMER = "c-out";
  private static final Message BOTH = Message.firstAllowed(Channel.SMS, Channel.EMAIL).key("note");
  private static final Message AFTER = Message.email("after");

  private JourneyTestEnvironment test;

  @AfterEach
  void tearDown() {
    if (test != null) {
      test.close();
    }
  }

  private ProbeJourney start(
      Function<SendRequest, SendOutcome> behaviour, BiConsumer<Journey, Enrollment> body) {
    return start(behaviour, body, t -> {});
  }

  private ProbeJourney start(
      Function<SendRequest, SendOutcome> behaviour,
      BiConsumer<Journey, Enrollment> body,
      java.util.function.Consumer<JourneyTestEnvironment> configure) {
    test = new JourneyTestEnvironment(Instant.parse("2026-11-23T10:00:00Z"));
    configure.accept(test);
    test.worker.registerWorkflowImplementationFactory(
        ProbeJourney.class,
        () -> new ProbeJourney.Impl(Journey.withGoals(EventTypes.ORDER_PLACED), body));
    test.sendBehaviour = behaviour;
    test.start();
    return test.enrol(
        ProbeJourney.class,
        ProbeJourney.DEFINITION,
        event("e-start", CUSTOMER, "probe_started", Map.of()));
  }

  private static BiConsumer<Journey, Enrollment> sendBothThenAfter() {
    return (journey, enrollment) -> {
      journey.send(BOTH);
      journey.send(AFTER);
    };
  }

  private List<String> keys() {
    return test.sent.stream().map(s -> s.request().idempotencyKey()).toList();
  }

  private static SendOutcome sent(SendRequest r) {
    return new SendOutcome.Sent(r.channel(), "p-" + r.idempotencyKey());
  }

  @Test
  void throttledIsWaitedOutAndAskedAgainUnderTheSameKeyNotFallenBackFrom() {
    List<Instant> throttledAt = new ArrayList<>();
    var journey =
        start(
            r -> {
              if (r.messageKey().equals("note") && throttledAt.size() < 3) {
                throttledAt.add(test.now());
                return new SendOutcome.Throttled(r.channel(), Duration.ofMinutes(10));
              }
              return sent(r);
            },
            sendBothThenAfter());

    assertThat(result(journey)).isEqualTo(JourneyOutcome.COMPLETED);
    var requests = test.sent.stream().map(JourneyTestEnvironment.SentAt::request).toList();
    assertThat(requests.subList(0, 4)).extracting(SendRequest::channel).containsOnly(Channel.SMS);
    assertThat(keys().subList(0, 4)).containsOnly(keys().getFirst());
    assertThat(test.sent.get(3).at()).isAfterOrEqualTo(throttledAt.get(2).plusSeconds(600));
    assertThat(journey.state().messages())
        .extracting(JourneyState.MessageRecord::outcome)
        .hasOnlyElementsOfTypes(SendOutcome.Sent.class)
        .hasSize(2);
  }

  @Test
  void uncertainStopsWithoutFallingBackAndIsRecorded() {
    var journey =
        start(
            r ->
                r.messageKey().equals("note")
                    ? new SendOutcome.Uncertain(r.channel(), "attempt_unfinished")
                    : sent(r),
            sendBothThenAfter());

    assertThat(result(journey)).isEqualTo(JourneyOutcome.COMPLETED);
    assertThat(test.messageKeys()).containsExactly("note", "after");
    assertThat(journey.state().messages().getFirst().outcome())
        .isEqualTo(new SendOutcome.Uncertain(Channel.SMS, "attempt_unfinished"));
  }

  @Test
  void failedFallsBackToTheNextChannelThenTheJourneyGoesOn() {
    var journey =
        start(
            r ->
                r.channel() == Channel.SMS
                    ? new SendOutcome.Failed(r.channel(), "invalid_number")
                    : sent(r),
            sendBothThenAfter());

    assertThat(result(journey)).isEqualTo(JourneyOutcome.COMPLETED);
    assertThat(journey.state().messages())
        .extracting(JourneyState.MessageRecord::channel, m -> (Object) m.outcome().getClass())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Channel.SMS, SendOutcome.Failed.class),
            org.assertj.core.groups.Tuple.tuple(Channel.EMAIL, SendOutcome.Sent.class),
            org.assertj.core.groups.Tuple.tuple(Channel.EMAIL, SendOutcome.Sent.class));
  }

  @Test
  void aNonRetryableActivityFailureIsRecordedAsFailedAndTheJourneyGoesOn() {
    var journey =
        start(
            r -> {
              if (r.messageKey().equals("note")) {
                throw ApplicationFailure.newNonRetryableFailure("broken template", "Broken");
              }
              return sent(r);
            },
            sendBothThenAfter());

    assertThat(result(journey)).isEqualTo(JourneyOutcome.COMPLETED);
    assertThat(journey.state().messages())
        .extracting(m -> m.outcome().getClass().getSimpleName())
        .containsExactly("Failed", "Failed", "Sent");
    assertThat(test.messageKeys()).endsWith("after");
  }

  @Test
  void aDeferralIsSleptOutAndAskedAgainUnderTheSameKey() {
    List<Instant> until = new ArrayList<>();
    var journey =
        start(
            r -> {
              if (r.messageKey().equals("note") && until.isEmpty()) {
                until.add(test.now().plus(Duration.ofHours(8)));
                return new SendOutcome.Deferred(until.getFirst(), "quiet_hours");
              }
              return sent(r);
            },
            sendBothThenAfter());

    assertThat(result(journey)).isEqualTo(JourneyOutcome.COMPLETED);
    assertThat(keys().get(1)).isEqualTo(keys().get(0));
    assertThat(test.sent.get(1).at()).isAfterOrEqualTo(until.getFirst());
    assertThat(test.sent.get(1).at())
        .isBeforeOrEqualTo(until.getFirst().plus(Duration.ofSeconds(5)).plusSeconds(1));
  }

  @Test
  void aSendInFlightWhenAGoalArrivesCompletesAndIsRecordedBeforeTheJourneyEnds() throws Exception {
    var inFlight = new CountDownLatch(1);
    var goalSent = new CountDownLatch(1);
    var journey =
        start(
            r -> {
              inFlight.countDown();
              try {
                goalSent.await(10, TimeUnit.SECONDS);
                Thread.sleep(300); // the goal is in the workflow before the send returns
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return sent(r);
            },
            sendBothThenAfter());

    assertThat(inFlight.await(10, TimeUnit.SECONDS)).isTrue();
    journey.onEvent(event("e-order", CUSTOMER, EventTypes.ORDER_PLACED, Map.of()));
    goalSent.countDown();

    assertThat(result(journey)).isEqualTo(JourneyOutcome.CONVERTED);
    assertThat(test.messageKeys()).containsExactly("note");
    assertThat(journey.state().messages())
        .extracting(JourneyState.MessageRecord::outcome)
        .hasOnlyElementsOfType(SendOutcome.Sent.class)
        .hasSize(1);
  }

  @Test
  void aWorkflowCancelledDuringASendIsCancelledNotRecordedAsAFailedSend() throws Exception {
    var inFlight = new CountDownLatch(1);
    var release = new CountDownLatch(1);
    var journey =
        start(
            r -> {
              inFlight.countDown();
              try {
                release.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return sent(r);
            },
            sendBothThenAfter());
    try {
      assertThat(inFlight.await(10, TimeUnit.SECONDS)).isTrue();
      io.temporal.client.WorkflowStub.fromTyped(journey).cancel();

      org.assertj.core.api.Assertions.assertThatThrownBy(() -> result(journey))
          .hasStackTraceContaining("CanceledFailure");
      assertThat(test.messageKeys()).containsExactly("note");
      // not recorded as a send that failed: nobody knows what became of it
      assertThat(journey.state().messages()).isEmpty();
    } finally {
      release.countDown();
    }
  }

  @Test
  void aFailedProfileLookUpOrHandoffDoesNotFailTheJourney() {
    List<Optional<Object>> tiers = new ArrayList<>();
    List<HandoffTicket> tickets = new ArrayList<>();
    var journey =
        start(
            JourneySendOutcomesTest::sent,
            (j, e) -> {
              tiers.add(j.attribute("tier"));
              tickets.add(j.handOff("help", Handoff.to("help them")));
              j.awaitResolution(tickets.getFirst(), Duration.ofDays(1));
              j.send(AFTER);
            },
            t -> {
              t.lookUpFailure = ApplicationFailure.newNonRetryableFailure("gone", "Gone");
              t.handoffFailure = ApplicationFailure.newNonRetryableFailure("refused", "Refused");
            });

    assertThat(result(journey)).isEqualTo(JourneyOutcome.COMPLETED);
    assertThat(tiers).containsExactly(Optional.empty());
    assertThat(tickets.getFirst().ticketId()).isNull();
    assertThat(test.messageKeys()).containsExactly("after");
  }

  @Test
  void anEventDuringAHandoffIsSeenByTheNextWait() throws Exception {
    var inFlight = new CountDownLatch(1);
    var release = new CountDownLatch(1);
    List<Optional<dev.journeys.event.CustomerEvent>> seen = new ArrayList<>();
    var journey =
        start(
            JourneySendOutcomesTest::sent,
            (j, e) -> {
              j.handOff("help", Handoff.to("help them"));
              seen.add(j.awaitNext("customer_replied", Duration.ofDays(1)));
            },
            t ->
                t.beforeTicket =
                    () -> {
                      inFlight.countDown();
                      try {
                        release.await();
                      } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                      }
                    });
    assertThat(inFlight.await(30, TimeUnit.SECONDS)).isTrue();

    journey.onEvent(event("e-reply", CUSTOMER, "customer_replied", Map.of()));
    Thread.sleep(500); // the signal is taken in while the ticket is still being opened
    release.countDown();

    assertThat(result(journey)).isEqualTo(JourneyOutcome.COMPLETED);
    assertThat(seen).singleElement().satisfies(e -> assertThat(e).isPresent());
    assertThat(journey.state().handoffs())
        .containsExactly(new JourneyState.HandoffRecord("help", "T-1"));
  }

  @Test
  void activitiesRetryUntilTheInfrastructureIsBack() {
    var options = JourneyActivityOptions.defaults();
    for (var o : List.of(options.send(), options.lookup(), options.handoff())) {
      assertThat(o.getScheduleToCloseTimeout()).isNull();
      assertThat(o.getRetryOptions().getMaximumAttempts()).isZero();
      assertThat(o.getRetryOptions().getMaximumInterval()).isNotNull();
    }
    assertThat(options.send().getStartToCloseTimeout()).isEqualTo(Duration.ofMinutes(3));
  }
}
