package dev.journeys.experiment;

import java.time.Clock;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Experiment decisions in PostgreSQL. A new decision replaces the old one (a person may correct
 * an automatic one); who decided, why and when is kept with it.
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
}
