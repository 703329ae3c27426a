package dev.journeys.experiment;

import java.time.Clock;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Experiment decisions in PostgreSQL. A new decision replaces the old one (a person may correct an
 * automatic one); who decided, why and when is kept with it.
 */
@Repository
public class ExperimentDecisions {

  private final JdbcClient jdbc;
  private final Clock clock;

  public ExperimentDecisions(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public ExperimentDecision decide(
      String experiment, String winner, String decidedBy, String reason) {
    return decide(experiment, winner, decidedBy, reason, null);
  }

  /** As above, with the statistics (JSON) an automatic decision was made on. */
  public ExperimentDecision decide(
      String experiment, String winner, String decidedBy, String reason, String statistics) {
    var at = clock.instant();
    jdbc.sql(
            """
            insert into experiment_decision (experiment, winner, decided_by, reason, decided_at,
                statistics)
            values (:experiment, :winner, :by, :reason, :at, cast(:statistics as jsonb))
            on conflict (experiment) do update set winner = excluded.winner,
              decided_by = excluded.decided_by, reason = excluded.reason,
              decided_at = excluded.decided_at, statistics = excluded.statistics""")
        .param("statistics", statistics)
        .param("experiment", experiment)
        .param("winner", winner)
        .param("by", decidedBy)
        .param("reason", reason)
        .param("at", java.sql.Timestamp.from(at))
        .update();
    return new ExperimentDecision(experiment, winner, decidedBy, reason, at);
  }

  public Optional<ExperimentDecision> find(String experiment) {
    return jdbc.sql(
            "select experiment, winner, decided_by, reason, decided_at from experiment_decision"
                + " where experiment = :experiment")
        .param("experiment", experiment)
        .query(
            (rs, n) ->
                new ExperimentDecision(
                    rs.getString("experiment"),
                    rs.getString("winner"),
                    rs.getString("decided_by"),
                    rs.getString("reason"),
                    rs.getTimestamp("decided_at").toInstant()))
        .optional();
  }

  /** Records an enrollment's outcome in an arm; a repeat of the same enrollment is ignored. */
  public void recordOutcome(ExperimentOutcome outcome) {
    jdbc.sql(
            """
            insert into experiment_outcome (experiment, variant, enrollment_id, outcome, recorded_at)
            values (:experiment, :variant, :enrollment, :outcome, :at)
            on conflict (experiment, enrollment_id) do nothing""")
        .param("experiment", outcome.experiment())
        .param("variant", outcome.variant())
        .param("enrollment", outcome.enrollmentId())
        .param("outcome", outcome.outcome().name())
        .param("at", java.sql.Timestamp.from(clock.instant()))
        .update();
  }

  /** The statistics an automatic decision was made on (JSON), if it was made automatically. */
  public Optional<String> statistics(String experiment) {
    return jdbc.sql(
            "select cast(statistics as text) from experiment_decision where experiment = :e"
                + " and statistics is not null")
        .param("e", experiment)
        .query(String.class)
        .optional();
  }

  /** When the first outcome of the experiment was recorded; empty before any. */
  public Optional<java.time.Instant> firstOutcomeAt(String experiment) {
    return jdbc.sql(
            "select min(recorded_at) from experiment_outcome where experiment = :experiment")
        .param("experiment", experiment)
        .query((rs, n) -> rs.getTimestamp(1))
        .optional()
        .filter(java.util.Objects::nonNull)
        .map(java.sql.Timestamp::toInstant);
  }

  /** Ended enrollments and conversions of the hold-out group. */
  public ExperimentVerdict.ArmResult holdout(String experiment) {
    return jdbc.sql(
            """
            select count(*) as enrolled,
                   count(*) filter (where outcome = 'CONVERTED') as converted
            from experiment_outcome
            where experiment = :experiment and variant = 'holdout'""")
        .param("experiment", experiment)
        .query(
            (rs, n) ->
                new ExperimentVerdict.ArmResult(
                    "holdout", rs.getLong("enrolled"), rs.getLong("converted")))
        .single();
  }

  /** Ended enrollments and conversions per arm (hold-out excluded: it cannot win). */
  public java.util.List<ExperimentVerdict.ArmResult> results(String experiment) {
    return jdbc.sql(
            """
            select variant, count(*) as enrolled,
                   count(*) filter (where outcome = 'CONVERTED') as converted
            from experiment_outcome
            where experiment = :experiment and variant <> 'holdout'
            group by variant order by variant""")
        .param("experiment", experiment)
        .query(
            (rs, n) ->
                new ExperimentVerdict.ArmResult(
                    rs.getString("variant"), rs.getLong("enrolled"), rs.getLong("converted")))
        .list();
  }
}
