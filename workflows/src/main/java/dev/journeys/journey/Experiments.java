package dev.journeys.journey;

import dev.journeys.experiment.ExperimentActivities;
import dev.journeys.experiment.ExperimentOutcome;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * The enrollment's experiment arms: assigned on first use (the decided winner once there is one),
 * kept in the state query and the {@code JourneyVariant} search attribute, and reported with the
 * journey's outcome so conversions are attributed per arm.
 */
final class Experiments {

  private static final Logger log = Workflow.getLogger(Experiments.class);

  /** Added while journeys ran: enrollments started before it replay without the look-up. */
  static final String EXPERIMENT_DECISIONS = "experiment-decisions";

  /** Added while journeys ran: enrollments started before it end without recording outcomes. */
  static final String EXPERIMENT_OUTCOMES = "experiment-outcomes";

  /**
   * Added while journeys ran: the split is recorded in history (a side effect) and hashed with
   * SHA-256. Enrollments started before it replay the CRC32 split from current configuration.
   */
  static final String ARMS_RECORDED = "experiment-arms-recorded";

  private final ExperimentActivities experiments;
  private final ExperimentActivities localExperiments;
  private final Supplier<String> customerId;
  private final AttributeUpdates attributes;
  private final Map<String, String> variants = new LinkedHashMap<>();

  Experiments(
      ExperimentActivities experiments,
      ExperimentActivities localExperiments,
      Supplier<String> customerId,
      AttributeUpdates attributes) {
    this.experiments = experiments;
    this.attributes = attributes;
    this.localExperiments = localExperiments;
    this.customerId = customerId;
  }

  String variant(Experiment experiment) {
    return variant(experiment, id -> decidedOrAssigned(experiment, id));
  }

  /** The recorded arm, or the one {@code assignment} gives the customer, recorded now. */
  String variant(Experiment experiment, Function<String, String> assignment) {
    String known = variants.get(experiment.name());
    if (known != null) {
      return known;
    }
    String arm = assignment.apply(customerId.get());
    if (!experiment.hasArm(arm)) {
      throw new IllegalStateException(
          "experiment '" + experiment.name() + "' has no arm '" + arm + "'");
    }
    variants.put(experiment.name(), arm);
    upsertAttribute();
    return arm;
  }

  /**
   * The decided winner, if the experiment has been decided (through the API or automatically) and
   * names one of its arms; otherwise the deterministic split. The hold-out group stays held out
   * after a decision, so the journey's overall uplift can still be measured.
   */
  private String decidedOrAssigned(Experiment experiment, String customer) {
    String assigned =
        Workflow.getVersion(ARMS_RECORDED, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION
            ? experiment.assignLegacy(customer)
            // a marker in history: replays read it back whatever the configuration says now
            : Workflow.sideEffect(String.class, () -> experiment.assign(customer));
    if (assigned.equals(Experiment.HOLDOUT)
        || Workflow.getVersion(EXPERIMENT_DECISIONS, Workflow.DEFAULT_VERSION, 1)
            == Workflow.DEFAULT_VERSION) {
      return assigned;
    }
    // a local activity since ONE_TASK_TO_FIRST_WAIT: no server round trip before the first wait
    var decision =
        (Journey.oneTaskToFirstWait() ? localExperiments : experiments).decision(experiment.name());
    if (decision == null || !decision.isDecided()) {
      return assigned;
    }
    if (!experiment.hasArm(decision.winner()) || decision.winner().equals(Experiment.HOLDOUT)) {
      log.warn(
          "experiment {} was decided for '{}', which is not one of its arms; keeping the split",
          experiment.name(),
          decision.winner());
      return assigned;
    }
    return decision.winner();
  }

  /** Reports the outcome for every arm the enrollment is in (not for a cancelled one). */
  void recordOutcome(JourneyOutcome result) {
    if (!variants.isEmpty()
        && result != JourneyOutcome.CANCELLED
        && Workflow.getVersion(EXPERIMENT_OUTCOMES, Workflow.DEFAULT_VERSION, 1) >= 1) {
      var info = Workflow.getInfo();
      String enrollmentId = info.getWorkflowId() + "/" + info.getFirstExecutionRunId();
      variants.forEach(
          (experiment, arm) ->
              experiments.recordOutcome(
                  new ExperimentOutcome(experiment, arm, enrollmentId, result)));
    }
  }

  Map<String, String> variants() {
    return variants;
  }

  void restore(Map<String, String> carried) {
    variants.putAll(carried);
    if (!variants.isEmpty()) {
      upsertAttribute();
    }
  }

  /** e.g. {@code cart-last-call-channel=sms,cart-holdout=holdout}. */
  static String attributeOf(Map<String, String> variants) {
    var parts = new ArrayList<String>();
    variants.forEach((experiment, arm) -> parts.add(experiment + "=" + arm));
    return String.join(",", parts);
  }

  private void upsertAttribute() {
    attributes.set(JourneySearchAttributes.JOURNEY_VARIANT.valueSet(attributeOf(variants)));
  }
}
