package dev.journeys.api.customer;

import dev.journeys.api.page.PageCursor;
import dev.journeys.customer.ConsentHistoryEntry;
import dev.journeys.customer.ConsentStatus;
import dev.journeys.messaging.Channel;
import dev.journeys.messaging.Topic;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A page of a customer's consent audit trail, oldest first, keyed by (time, row id). */
@Component
public class ConsentHistoryPage {

  /** The list's name in its cursors. */
  public static final String LIST = "consent-history";

  /** An entry and its row id, the cursor's tie-breaker. */
  public record Row(String id, ConsentHistoryEntry entry) {}

  private final JdbcClient jdbc;

  public ConsentHistoryPage(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Up to {@code limit} entries after {@code after} (null: from the first). */
  public List<Row> page(String customerId, PageCursor after, int limit) {
    var sql =
        jdbc.sql(
                after == null
                    ? """
                      select id, channel, topic, status, source, changed_at from consent_change
                      where customer_id = :customer
                      order by changed_at, id limit :limit"""
                    : """
                      select id, channel, topic, status, source, changed_at from consent_change
                      where customer_id = :customer
                        and (changed_at > :at or (changed_at = :at and id > :id))
                      order by changed_at, id limit :limit""")
            .param("customer", customerId)
            .param("limit", limit);
    if (after != null) {
      long id;
      try {
        id = Long.parseLong(after.key());
      } catch (NumberFormatException e) {
        throw PageCursor.invalid(); // a cursor of another list
      }
      sql = sql.param("at", Timestamp.from(after.at())).param("id", id);
    }
    return sql.query(
            (rs, n) ->
                new Row(
                    Long.toString(rs.getLong("id")),
                    new ConsentHistoryEntry(
                        Channel.valueOf(rs.getString("channel")),
                        Topic.valueOf(rs.getString("topic")),
                        ConsentStatus.valueOf(rs.getString("status")),
                        rs.getString("source"),
                        rs.getTimestamp("changed_at").toInstant())))
        .list();
  }
}
