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
    var at = clock.instant();
    jdbc.sql(
            """
            insert into experiment_decision (experiment, winner, decided_by, reason, decided_at)
            values (:experiment, :winner, :by, :reason, :at)
            on conflict (experiment) do update set winner = excluded.winner,
              decided_by = excluded.decided_by, reason = excluded.reason,
              decided_at = excluded.decided_at""")
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
