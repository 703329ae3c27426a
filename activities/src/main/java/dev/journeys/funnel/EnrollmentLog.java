package dev.journeys.funnel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Journeys' entries and ends in {@code journey_enrollment}. A repeated entry is ignored; an end
 * without an entry (an enrollment that entered before entries were recorded) is recorded whole.
 */
@Component
public class EnrollmentLog implements EnrollmentActivities {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JdbcClient jdbc;

  public EnrollmentLog(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void entered(EnrollmentEntered entered) {
    jdbc.sql(
            """
            insert into journey_enrollment (enrollment_id, journey, version, customer_id,
                entered_at)
            values (:id, :journey, :version, :customer, :at)
            on conflict (enrollment_id) do nothing""")
        .param("id", entered.enrollmentId())
        .param("journey", entered.journey())
        .param("version", entered.version())
        .param("customer", entered.customerId())
        .param("at", ts(entered.at()))
        .update();
  }

  @Override
  public void ended(EnrollmentEnded ended) {
    jdbc.sql(
            """
            insert into journey_enrollment as e (enrollment_id, journey, version, customer_id,
                entered_at, ended_at, outcome, cause, ended_at_step, variants, last_message_at)
            values (:id, :journey, :version, :customer, :at, :at, :outcome, :cause, :step,
                cast(:variants as jsonb), :lastMessage)
            on conflict (enrollment_id) do update
              set ended_at = excluded.ended_at, outcome = excluded.outcome,
                  cause = excluded.cause, ended_at_step = excluded.ended_at_step,
                  variants = excluded.variants, last_message_at = excluded.last_message_at""")
        .param("id", ended.enrollmentId())
        .param("journey", ended.journey())
        .param("version", ended.version())
        .param("customer", ended.customerId())
        .param("at", ts(ended.at()))
        .param("outcome", ended.outcome().name())
        .param("cause", ended.cause())
        .param("step", ended.step())
        .param("variants", json(ended))
        .param("lastMessage", ts(ended.lastMessageAt()))
        .update();
  }

  private static String json(EnrollmentEnded ended) {
    try {
      return JSON.writeValueAsString(
          ended.variants() == null ? java.util.Map.of() : ended.variants());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static Timestamp ts(Instant at) {
    return at == null ? null : Timestamp.from(at);
  }
}
