package dev.journeys.journey;

import static dev.journeys.journey.JourneyTestEnvironment.event;
import static dev.journeys.journey.JourneyTestEnvironment.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.customer.CustomerProfile;
import dev.journeys.event.EventTypes;
import dev.journeys.messaging.Channel;
import dev.journeys.messaging.SendOutcome;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowStub;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JourneySdkTest {

  private static final String CUSTOMER = "c-7";
  private JourneyTestEnvironment test;
  // set before start, so the journey never sees the defaults
  private CustomerProfile profile;
  private java.util.function.Function<dev.journeys.messaging.SendRequest, SendOutcome> sends;

  @AfterEach
  void tearDown() {
    if (test != null) {
      test.close();
    }
  }

  private ProbeJourney start(Supplier<Journey> journey, BiConsumer<Journey, Enrollment> body) {
    test = new JourneyTestEnvironment(Instant.parse("2026-11-23T10:00:00Z")); // a Monday
    test.worker.registerWorkflowImplementationFactory(
        ProbeJourney.class, () -> new ProbeJourney.Impl(journey.get(), body));
    if (profile != null) {
      test.profiles.put(CUSTOMER, profile);
    }
    if (sends != null) {
      test.sendBehaviour = sends;
    }
    test.start();
    return test.enrol(
        ProbeJourney.class,
        ProbeJourney.DEFINITION,
        event("e-start", CUSTOMER, "probe_started", Map.of("sku", "tea-1")));
  }

  private ProbeJourney start(BiConsumer<Journey, Enrollment> body) {
    return start(() -> Journey.withGoals(EventTypes.ORDER_PLACED), body);
  }

  @Test
  void waitsUntilATimeOfDayAndWeekdayInTheCustomersTimeZone() {
    profile = new CustomerProfile(CUSTOMER, "America/New_York", null, Map.of());
    var probe =
        start(
            (journey, e) -> {
              journey.pauseUntil(LocalTime.of(10, 0), DayOfWeek.SATURDAY);
              journey.send(Message.email("weekend-tips"));
            });

    assertThat(result(probe)).isEqualTo(JourneyOutcome.COMPLETED);
    // Saturday 28 Nov, 10:00 in New York is 15:00 UTC
    assertThat(test.sent.getFirst().at())
        .isBetween(Instant.parse("2026-11-28T15:00:00Z"), Instant.parse("2026-11-28T15:00:05Z"));
  }

  @Test
  void waitsUntilAPointInTime() {
    var probe =
        start(
            (journey, e) -> {
              journey.pauseUntil(Instant.parse("2026-12-01T08:00:00Z"));
              journey.send(Message.email("december"));
              journey.pauseUntil(Instant.parse("2020-01-01T00:00:00Z")); // past: no wait
            });

    assertThat(result(probe)).isEqualTo(JourneyOutcome.COMPLETED);
    assertThat(test.sent.getFirst().at())
        .isBetween(Instant.parse("2026-12-01T08:00:00Z"), Instant.parse("2026-12-01T08:00:05Z"));
  }

  @Test
  void waitsForTheCustomersNextSendWindowButNotInsideIt() {
    profile = new CustomerProfile(CUSTOMER, "Asia/Tokyo", null, Map.of());
    var probe =
        start(
            (journey, e) -> {
              journey.pauseUntilSendWindow(); // 10:00 UTC is 19:00 in Tokyo: inside
              journey.send(Message.email("first"));
              journey.pause(Duration.ofHours(2)); // 21:00 in Tokyo: outside
              journey.step("second");
              journey.pauseUntilSendWindow();
              journey.send(Message.email("second"));
            });

    assertThat(result(probe)).isEqualTo(JourneyOutcome.COMPLETED);
    assertThat(test.sent.get(0).at()).isBefore(Instant.parse("2026-11-23T10:00:05Z"));
    // 09:00 the next day in Tokyo is 00:00 UTC
    assertThat(test.sent.get(1).at())
        .isBetween(Instant.parse("2026-11-24T00:00:00Z"), Instant.parse("2026-11-24T00:00:05Z"));
  }

  @Test
  void branchesOnProfileAttributesLookingThemUpOncePerStep() {
    profile = new CustomerProfile(CUSTOMER, null, null, Map.of("tier", "vip", "points", 10));
    var probe =
        start(
            (journey, e) -> {
              journey.step("greet");
              boolean vip = journey.attribute("tier").filter("vip"::equals).isPresent();
              journey.attribute("points");
              journey.send(Message.email(vip ? "vip-welcome" : "welcome"));
              journey.step("later");
              journey.attribute("tier");
            });

    assertThat(result(probe)).isEqualTo(JourneyOutcome.COMPLETED);
    assertThat(test.messageKeys()).containsExactly("vip-welcome");
    assertThat(test.profileLookups).hasValue(2);
  }

  @Test
  void branchesOnEventDataAndOnTheOutcomeOfAnEarlierSend() {
    sends =
        r ->
            r.channel() == Channel.EMAIL
                ? new SendOutcome.Suppressed("opted_out")
                : new SendOutcome.Sent(r.channel(), "p");
    var probe =
        start(
            (journey, e) -> {
              String sku = (String) e.trigger().properties().get("sku");
              var first = journey.send(Message.email("offer").with(Map.of("sku", sku)));
              switch (first) {
                case SendOutcome.Sent sent -> journey.send(Message.email("never"));
                case SendOutcome.Suppressed suppressed ->
                    journey.send(
                        Message.sms("offer-by-sms").with(Map.of("why", suppressed.reason())));
                case SendOutcome.Deferred deferred -> journey.pauseUntil(deferred.until());
                case SendOutcome.Failed failed -> journey.send(Message.sms("never"));
                case SendOutcome.Uncertain uncertain -> journey.send(Message.sms("never"));
                case SendOutcome.Throttled throttled -> journey.send(Message.sms("never"));
              }
              if (!journey.wasSent("offer") && journey.outcomeOf("offer-by-sms").isPresent()) {
                journey.send(Message.sms("checked").atStep("check"));
              }
            });

    assertThat(result(probe)).isEqualTo(JourneyOutcome.COMPLETED);
    assertThat(test.messageKeys()).containsExactly("offer", "offer-by-sms", "checked");
    assertThat(test.sent.getFirst().request().data()).containsEntry("sku", "tea-1");
    assertThat(test.sent.get(1).request().data()).containsEntry("why", "opted_out");
  }

  @Test
  void aGoalArrivingWhileASendIsInFlightEndsTheJourneyOnceTheSendIsRecorded() throws Exception {
    var sendStarted = new CountDownLatch(1);
    var release = new CountDownLatch(1);
    sends =
        r -> {
          sendStarted.countDown();
          try {
            release.await(20, TimeUnit.SECONDS);
          } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
          }
          return new SendOutcome.Sent(r.channel(), "late");
        };
    var probe = start((journey, e) -> journey.send(Message.email("slow")));
    try {
      assertThat(sendStarted.await(10, TimeUnit.SECONDS)).isTrue();
      probe.onEvent(event("e-order", CUSTOMER, EventTypes.ORDER_PLACED, Map.of()));
      // the send is not abandoned to finish unseen: the ledger and the state agree it was sent
      release.countDown();

      assertThat(result(probe)).isEqualTo(JourneyOutcome.CONVERTED);
      assertThat(probe.state().messages())
          .extracting(JourneyState.MessageRecord::outcome)
          .containsExactly(new SendOutcome.Sent(Channel.EMAIL, "late"));
    } finally {
      release.countDown();
    }
  }

  @Test
  void anExitEventEndsTheJourneyAsExitedAtAnyWait() {
    var probe =
        start(
            () -> Journey.withGoals(EventTypes.ORDER_PLACED).exitOn("unsubscribed"),
            (journey, e) -> {
              journey.pause(Duration.ofDays(3));
              journey.send(Message.email("never"));
            });
    test.env.sleep(Duration.ofDays(1));
    probe.onEvent(event("e-unsub", CUSTOMER, "unsubscribed", Map.of()));

    assertThat(result(probe)).isEqualTo(JourneyOutcome.EXITED);
    assertThat(test.sent).isEmpty();
    assertThat(searchAttribute(JourneySearchAttributes.JOURNEY_OUTCOME)).isEqualTo("EXITED");
  }

  @Test
  void waitsForAnEventMatchingAPredicateOnItsProperties() {
    var probe =
        start(
            (journey, e) -> {
              var big =
                  journey.waitFor(
                      "page_viewed",
                      ev -> "pricing".equals(ev.properties().get("page")),
                      Duration.ofDays(1));
              journey.send(Message.email(big.isPresent() ? "pricing-help" : "nothing"));
            });
    probe.onEvent(event("v1", CUSTOMER, "page_viewed", Map.of("page", "home")));
    test.env.sleep(Duration.ofHours(1));
    assertThat(probe.state().waitingFor()).isEqualTo("page_viewed");
    probe.onEvent(event("v2", CUSTOMER, "page_viewed", Map.of("page", "pricing")));

    assertThat(result(probe)).isEqualTo(JourneyOutcome.COMPLETED);
    assertThat(test.messageKeys()).containsExactly("pricing-help");
  }

  @Test
  void collectsEventsOverAWindowForADigest() {
    var probe =
        start(
            (journey, e) -> {
              var views = journey.collect("product_viewed", Duration.ofDays(1));
              journey.send(
                  Message.email("digest")
                      .with(Map.of("count", views.size(), "first", views.getFirst().eventId())));
            });
    test.env.sleep(Duration.ofHours(2));
    probe.onEvent(event("p1", CUSTOMER, "product_viewed", Map.of()));
    probe.onEvent(event("o1", CUSTOMER, "page_viewed", Map.of()));
    probe.onEvent(event("p2", CUSTOMER, "product_viewed", Map.of()));
    probe.onEvent(event("p2", CUSTOMER, "product_viewed", Map.of())); // a repeat

    assertThat(result(probe)).isEqualTo(JourneyOutcome.COMPLETED);
    assertThat(test.sent.getFirst().request().data()).containsEntry("count", 2);
  }

  @Test
  void sendsOneDigestSummarisingTheEventsOfAWindowAndNoneForAnEmptyWindow() {
    var probe =
        start(
            (journey, e) -> {
              journey.step("first-day");
              journey.digest("price_dropped", Duration.ofDays(1), Message.email("price-digest"));
              journey.step("second-day");
              var none =
                  journey.digest(
                      "price_dropped", Duration.ofDays(1), Message.email("price-digest"));
              journey.send(Message.email(none.isEmpty() ? "quiet-day" : "never"));
            });
    test.env.sleep(Duration.ofHours(3));
    probe.onEvent(event("d1", CUSTOMER, "price_dropped", Map.of("sku", "a")));
    probe.onEvent(event("d2", CUSTOMER, "price_dropped", Map.of("sku", "b")));

    assertThat(result(probe)).isEqualTo(JourneyOutcome.COMPLETED);
    assertThat(test.messageKeys()).containsExactly("price-digest", "quiet-day");
    var data = test.sent.getFirst().request().data();
    assertThat(data).containsEntry("count", 2);
    assertThat(data.get("items"))
        .isEqualTo(java.util.List.of(Map.of("sku", "a"), Map.of("sku", "b")));
  }

  @Test
  void continuesAsNewCarryingItsStateAndKeepingIdempotencyKeysStable() {
    var probe =
        start(
            () -> Journey.withGoals(EventTypes.ORDER_PLACED).continueAsNewAfter(15),
            (journey, e) ->
                journey.repeat(
                    "ticks",
                    8,
                    i -> {
                      journey.step("tick");
                      journey.pause(Duration.ofHours(1));
                      journey.send(Message.email("tick").with(Map.of("i", i)));
                    }));
    var first = WorkflowStub.fromTyped(probe).getExecution();

    var latest = test.client().newUntypedWorkflowStub(first.getWorkflowId());
    assertThat(latest.getResult(JourneyOutcome.class)).isEqualTo(JourneyOutcome.COMPLETED);

    assertThat(latest.describe().getExecution().getRunId()).isNotEqualTo(first.getRunId());
    assertThat(
            test.client()
                .newUntypedWorkflowStub(
                    first.getWorkflowId(),
                    java.util.Optional.of(first.getRunId()),
                    java.util.Optional.empty())
                .describe()
                .getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW);
    assertThat(test.sent).hasSize(8);
    assertThat(test.sent.stream().map(s -> s.request().data().get("i")))
        .containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    var keys = test.sent.stream().map(s -> s.request().idempotencyKey()).toList();
    assertThat(keys).doesNotHaveDuplicates();
    assertThat(keys)
        .allMatch(k -> k.startsWith(first.getWorkflowId() + "/" + first.getRunId() + "/tick"));
    assertThat(latest.query(CustomerJourney.STATE_QUERY, JourneyState.class).messages()).hasSize(8);
  }

  @Test
  void aSendBeforeTheLoopIsNotRepeatedUnderANewKeyAfterContinueAsNew() {
    var probe =
        start(
            () -> Journey.create().continueAsNewAfter(15),
            (journey, e) -> {
              journey.send(Message.email("hello"));
              journey.repeat(
                  "ticks",
                  6,
                  i -> {
                    journey.pause("tick", Duration.ofHours(1));
                    journey.send(Message.email("tick").with(Map.of("i", i)));
                  });
            });
    var first = WorkflowStub.fromTyped(probe).getExecution();
    var latest = test.client().newUntypedWorkflowStub(first.getWorkflowId());
    assertThat(latest.getResult(JourneyOutcome.class)).isEqualTo(JourneyOutcome.COMPLETED);
    assertThat(latest.describe().getExecution().getRunId()).isNotEqualTo(first.getRunId());

    // each later run passes the send again, with the first run's key, which the ledger knows
    var hellos =
        test.sent.stream()
            .filter(s -> s.request().messageKey().equals("hello"))
            .map(s -> s.request().idempotencyKey())
            .distinct()
            .toList();
    assertThat(hellos)
        .containsExactly(first.getWorkflowId() + "/" + first.getRunId() + "/hello/email");
    var ticks =
        test.sent.stream()
            .filter(s -> s.request().messageKey().equals("tick"))
            .map(s -> s.request().idempotencyKey())
            .toList();
    assertThat(ticks).hasSize(6).doesNotHaveDuplicates();
  }

  @Test
  void recordsTheExperimentArmInTheStateAndASearchAttribute() {
    var experiment = Experiment.split("subject-line", "short", "long").withHoldout(0);
    var probe =
        start(
            (journey, e) -> {
              String arm = journey.variant(experiment);
              journey.send(Message.email("subject-" + arm));
              journey.pause(Duration.ofDays(1));
            });
    test.env.sleep(Duration.ofHours(1));

    String expected = experiment.assign(CUSTOMER);
    assertThat(probe.state().variants()).containsEntry("subject-line", expected);
    assertThat(searchAttribute(JourneySearchAttributes.JOURNEY_VARIANT))
        .isEqualTo("subject-line=" + expected);
    assertThat(test.messageKeys()).containsExactly("subject-" + expected);
  }

  @Test
  void aCancelledJourneyRecordsItsOutcome() {
    var probe = start((journey, e) -> journey.pause(Duration.ofDays(3)));
    test.env.sleep(Duration.ofHours(1));

    WorkflowStub.fromTyped(probe).cancel();

    test.env.sleep(Duration.ofMinutes(1));
    assertThat(searchAttribute(JourneySearchAttributes.JOURNEY_OUTCOME)).isEqualTo("CANCELLED");
  }

  enum Subject {
    SHORT,
    LONG
  }

  @Test
  void aSendMovesTheJourneyToItsMessagesStepUnlessItIsThereAlready() {
    var probe =
        start(
            (journey, e) -> {
              journey.send(Message.email("welcome"));
              journey.pause("wait-for-tips", Duration.ofHours(1));
              journey.step("tips");
              journey.send("tips", Message.email("welcome-tips"));
              journey.send(Message.email("more-tips").atStep("tips"));
            });

    assertThat(result(probe)).isEqualTo(JourneyOutcome.COMPLETED);
    // one search-attribute update per step entered, none for a send at the step it is in; a
    // journey with goals then listens for them through the attribution window
    assertThat(stepsInHistory())
        .containsExactly("welcome", "wait-for-tips", "tips", "attribution-window", "completed");
    // the ledger keeps each message's own step
    assertThat(test.sent)
        .extracting(s -> s.request().step())
        .containsExactly("welcome", "welcome-tips", "tips");
  }

  @Test
  void aHeldOutCustomerFollowsTheFirstArmAtStepHoldoutWithEveryMessageWithheld() {
    var experiment = Experiment.split("subject", Subject.class).withHoldout(100);
    var probe =
        start(
            (journey, e) -> {
              Subject arm = journey.arm(experiment, Subject.class);
              journey.pause("wait", Duration.ofHours(1));
              journey.sendOrHoldBack(Message.email("subject-" + arm.name().toLowerCase()));
            });

    assertThat(result(probe)).isEqualTo(JourneyOutcome.COMPLETED);
    assertThat(test.sent)
        .extracting(s -> s.request().messageKey(), s -> s.request().holdout())
        .containsExactly(org.assertj.core.groups.Tuple.tuple("subject-short", true));
    assertThat(stepsInHistory()).containsExactly("holdout", "completed");
    assertThat(probe.state().variants()).containsEntry("subject", Experiment.HOLDOUT);
  }

  @Test
  void sendOrHoldBackSendsToACustomerInAnArm() {
    var experiment = Experiment.split("subject", Subject.class).weight(Subject.SHORT, 0);
    var probe =
        start(
            (journey, e) -> {
              Subject arm = journey.arm(experiment, Subject.class);
              journey.sendOrHoldBack(Message.email("subject-" + arm.name().toLowerCase()));
            });

    assertThat(result(probe)).isEqualTo(JourneyOutcome.COMPLETED);
    assertThat(test.sent)
        .extracting(s -> s.request().messageKey(), s -> s.request().holdout())
        .containsExactly(org.assertj.core.groups.Tuple.tuple("subject-long", false));
    assertThat(probe.state().variants()).containsEntry("subject", "long");
  }

  @Test
  void aJourneyCreatedWithoutGoalsIsNotEndedByAnOrder() {
    var probe =
        start(
            Journey::create,
            (journey, e) -> {
              journey.pause("wait", Duration.ofHours(2));
              journey.send(Message.email("still-here"));
            });
    test.env.sleep(Duration.ofHours(1));
    probe.onEvent(event("e-order", CUSTOMER, EventTypes.ORDER_PLACED, Map.of()));

    assertThat(result(probe)).isEqualTo(JourneyOutcome.COMPLETED);
    assertThat(test.messageKeys()).containsExactly("still-here");
  }

  /** The JourneyStep values the journey's search-attribute updates set, in order. */
  private java.util.List<String> stepsInHistory() {
    var history = test.client().fetchHistory(ProbeJourney.DEFINITION.workflowId(CUSTOMER));
    var steps = new java.util.ArrayList<String>();
    for (var event : history.getEvents()) {
      if (event.hasUpsertWorkflowSearchAttributesEventAttributes()) {
        var fields =
            event
                .getUpsertWorkflowSearchAttributesEventAttributes()
                .getSearchAttributes()
                .getIndexedFieldsMap();
        var step = fields.get(JourneySearchAttributes.JOURNEY_STEP.getName());
        if (step != null) {
          steps.add(
              io.temporal.common.converter.DefaultDataConverter.STANDARD_INSTANCE.fromPayload(
                  step, String.class, String.class));
        }
      }
    }
    return steps;
  }

  private String searchAttribute(io.temporal.common.SearchAttributeKey<String> key) {
    return test.client()
        .newUntypedWorkflowStub(ProbeJourney.DEFINITION.workflowId(CUSTOMER))
        .describe()
        .getTypedSearchAttributes()
        .get(key);
  }
}
