package dev.journeys.journey;

import dev.journeys.catalog.JourneyCatalog;
import dev.journeys.customer.CustomerActivities;
import dev.journeys.customer.CustomerProfile;
import dev.journeys.event.CustomerEvent;
import dev.journeys.experiment.ExperimentActivities;
import dev.journeys.experiment.ExperimentDecision;
import dev.journeys.experiment.ExperimentOutcome;
import dev.journeys.handoff.HandoffActivities;
import dev.journeys.handoff.HandoffRequest;
import dev.journeys.handoff.HandoffTicket;
import dev.journeys.messaging.SendActivities;
import dev.journeys.messaging.SendOutcome;
import dev.journeys.messaging.SendRequest;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A time-skipping Temporal environment with recording fakes of the journey activities: sends
 * succeed unless told otherwise, profiles are whatever the test put in {@link #profiles}.
 */
public final class JourneyTestEnvironment implements AutoCloseable {

  /** Every send request, in order, with the (skipped) time it was made. */
  public record SentAt(SendRequest request, Instant at) {}

  public final TestWorkflowEnvironment env;
  public final Worker worker;
  public final List<SentAt> sent = Collections.synchronizedList(new ArrayList<>());
  public final Map<String, CustomerProfile> profiles = new ConcurrentHashMap<>();
  public final AtomicInteger profileLookups = new AtomicInteger();

  /** Experiment decisions by experiment name; undecided when absent. */
  public final Map<String, String> decisions = new ConcurrentHashMap<>();

  /** Every experiment outcome the journeys recorded. */
  public final List<ExperimentOutcome> experimentOutcomes =
      Collections.synchronizedList(new ArrayList<>());

  /** Every enrollment entry and end the journeys recorded for the funnel. */
  public final List<Object> enrollmentRecords = Collections.synchronizedList(new ArrayList<>());

  /** While true, recording an enrollment's entry or end fails (the store is down). */
  public volatile boolean enrollmentStoreDown;

  /** Every handoff requested; the fake helpdesk answers with ticket ids T-1, T-2, ... */
  public final List<HandoffRequest> handoffs = Collections.synchronizedList(new ArrayList<>());

  public volatile Function<SendRequest, SendOutcome> sendBehaviour =
      request ->
          request.holdout()
              ? new SendOutcome.Suppressed(SendOutcome.Suppressed.HOLDOUT)
              : new SendOutcome.Sent(request.channel(), "provider-" + request.idempotencyKey());

  /** When set, profile look-ups and handoffs throw it (e.g. a non-retryable ApplicationFailure). */
  public volatile RuntimeException lookUpFailure;

  public volatile RuntimeException handoffFailure;

  /** Runs in the helpdesk activity before it opens a ticket, e.g. to hold a handoff in flight. */
  public volatile Runnable beforeTicket = () -> {};

  public JourneyTestEnvironment() {
    this(Instant.parse("2026-11-23T10:00:00Z"));
  }

  public JourneyTestEnvironment(Instant startAt) {
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setInitialTime(startAt).build());
    for (var key : JourneySearchAttributes.ALL) {
      env.registerSearchAttribute(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    }
    worker = env.newWorker(JourneyCatalog.TASK_QUEUE);
  }

  /** Registers the recording send and profile fakes plus any further activities, and starts. */
  public JourneyTestEnvironment start(Object... moreActivities) {
    var activities = new ArrayList<Object>();
    activities.add(new RecordingSends());
    activities.add(new FakeProfiles());
    activities.add(new FakeHelpdesk());
    activities.add(new FakeExperiments());
    activities.add(new RecordingEnrollments());
    activities.addAll(List.of(moreActivities));
    worker.registerActivitiesImplementations(activities.toArray());
    env.start();
    return this;
  }

  public WorkflowClient client() {
    return env.getWorkflowClient();
  }

  /**
   * Starts an enrollment of {@code customerId} in {@code journey}, triggered by {@code trigger}.
   */
  public <T extends CustomerJourney> T enrol(
      Class<T> type, JourneyDefinition journey, CustomerEvent trigger) {
    T stub =
        client()
            .newWorkflowStub(
                type,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(JourneyCatalog.TASK_QUEUE)
                    .setWorkflowId(journey.workflowId(trigger.customerId()))
                    .build());
    WorkflowStub.fromTyped(stub)
        .start(new Enrollment(journey.name(), trigger.customerId(), trigger));
    return stub;
  }

  public static JourneyOutcome result(Object journey) {
    return WorkflowStub.fromTyped(journey).getResult(JourneyOutcome.class);
  }

  /** The message keys sent, in order. */
  public List<String> messageKeys() {
    synchronized (sent) {
      return sent.stream().map(s -> s.request().messageKey()).toList();
    }
  }

  public Instant now() {
    return Instant.ofEpochMilli(env.currentTimeMillis());
  }

  public static CustomerEvent event(
      String id, String customerId, String type, Map<String, Object> properties) {
    return new CustomerEvent(
        id, customerId, type, Instant.parse("2026-11-23T10:00:00Z"), properties);
  }

  @Override
  public void close() {
    env.close();
  }

  private final class RecordingSends implements SendActivities {
    @Override
    public SendOutcome send(SendRequest request) {
      sent.add(new SentAt(request, now()));
      return sendBehaviour.apply(request);
    }
  }

  private final class FakeExperiments implements ExperimentActivities {
    @Override
    public ExperimentDecision decision(String experiment) {
      return decisions.containsKey(experiment)
          ? new ExperimentDecision(
              experiment, decisions.get(experiment), "api", "test", Instant.EPOCH)
          : ExperimentDecision.undecided(experiment);
    }

    @Override
    public void recordOutcome(ExperimentOutcome outcome) {
      experimentOutcomes.add(outcome);
    }
  }

  private final class RecordingEnrollments implements dev.journeys.funnel.EnrollmentActivities {
    @Override
    public void entered(dev.journeys.funnel.EnrollmentEntered entered) {
      storeUp();
      enrollmentRecords.add(entered);
    }

    @Override
    public void ended(dev.journeys.funnel.EnrollmentEnded ended) {
      storeUp();
      enrollmentRecords.add(ended);
    }

    private void storeUp() {
      if (enrollmentStoreDown) {
        throw new IllegalStateException("journey store down");
      }
    }
  }

  private final class FakeHelpdesk implements HandoffActivities {
    @Override
    public HandoffTicket openTicket(HandoffRequest request) {
      if (handoffFailure != null) {
        throw handoffFailure;
      }
      beforeTicket.run();
      handoffs.add(request);
      return new HandoffTicket("T-" + handoffs.size());
    }
  }

  private final class FakeProfiles implements CustomerActivities {
    @Override
    public CustomerProfile lookUp(String customerId) {
      profileLookups.incrementAndGet();
      if (lookUpFailure != null) {
        throw lookUpFailure;
      }
      return profiles.getOrDefault(customerId, CustomerProfile.unknown(customerId));
    }
  }
}
