package dev.journeys.api.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The right to erasure. The customer's running enrollments are terminated first (terminated, not
 * cancelled: a cancelled journey still runs its exit path, which records its end under the
 * customer's id after the erasure), their Temporal histories deleted where the server allows it,
 * then in one transaction:
 *
 * <ul>
 *   <li>removed: the profile (with consents and push tokens), the consent audit trail, held
 *       (pending) events, stock subscriptions, channel activity;
 *   <li>anonymised: inbound events lose their properties, ledger entries their recipient and
 *       provider message id, and these and the enrollments carry the erasure's pseudonym instead of
 *       the customer id (so sends, suppressions and funnel conversions still count), with keys that
 *       contained the customer id replaced;
 *   <li>kept: the suppression list of addresses (a hard bounce or complaint must stay honoured
 *       should the address come back); the provider suppression events lose their link to the
 *       customer.
 * </ul>
 *
 * <p>Idempotent: erasing again finds nothing and records nothing. An erasure that did something is
 * audited in {@code customer_erasure} with who asked and when, and no personal data.
 */
@Component
public class CustomerErasure {

  private static final Logger log = LoggerFactory.getLogger(CustomerErasure.class);

  /** What one request erased; {@code erasureId} is null when there was nothing to erase. */
  public record Result(String erasureId, Instant erasedAt, Map<String, Integer> removed) {
    public boolean erased() {
      return erasureId != null;
    }
  }

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final CustomerWorkflows workflows;
  private final ObjectMapper json;
  private final Clock clock;

  public CustomerErasure(
      JdbcClient jdbc,
      TransactionTemplate transactions,
      CustomerWorkflows workflows,
      ObjectMapper json,
      Clock clock) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.workflows = workflows;
    this.json = json;
    this.clock = clock;
  }

  public Result erase(String customerId, String requestedBy) {
    String erasureId = "erased-" + UUID.randomUUID();
    Map<String, Integer> counts = new LinkedHashMap<>();
    // Temporal first and outside the transaction: no connection is held across its calls, and a
    // failure leaves the database untouched for the retry
    int terminated = 0;
    for (var execution : workflows.running(customerId)) {
      workflows.terminate(execution, "customer erased (" + erasureId + ")");
      terminated++;
    }
    counts.put("enrollmentsTerminated", terminated);
    counts.put("historiesDeleted", workflows.deleteHistories(customerId));
    Instant now = clock.instant();
    return transactions.execute(
        tx -> {
          counts.putAll(eraseRows(customerId, erasureId));
          boolean anything = counts.values().stream().anyMatch(n -> n > 0);
          if (!anything) {
            return new Result(null, null, counts);
          }
          jdbc.sql(
                  """
                  insert into customer_erasure (erasure_id, requested_by, erased_at, summary)
                  values (:id, :by, :at, cast(:summary as jsonb))""")
              .param("id", erasureId)
              .param("by", requestedBy)
              .param("at", Timestamp.from(now))
              .param("summary", toJson(counts))
              .update();
          log.info("erasure {} by {}: {}", erasureId, requestedBy, counts);
          return new Result(erasureId, now, counts);
        });
  }

  private Map<String, Integer> eraseRows(String customerId, String erasureId) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    counts.put("profile", delete("delete from customer where id = :customer", customerId));
    counts.put(
        "consentChanges",
        delete("delete from consent_change where customer_id = :customer", customerId));
    counts.put(
        "pendingEvents",
        delete("delete from pending_event where customer_id = :customer", customerId));
    counts.put(
        "stockSubscriptions",
        delete("delete from stock_subscription where customer_id = :customer", customerId));
    counts.put(
        "channelActivity",
        delete("delete from customer_channel_activity where customer_id = :customer", customerId));
    // the enrollments that waited for these tickets were terminated above
    counts.put(
        "handoffTickets",
        delete("delete from handoff_ticket where customer_id = :customer", customerId));
    counts.put(
        "inboundEvents",
        anonymise(
            """
            update inbound_event set customer_id = :pseudonym, properties = '{}'::jsonb,
                -- a batch's event not delivered yet is never delivered: the customer is gone
                failure = case when queued and delivered_at is null and failed_at is null
                               then 'not delivered: the customer was erased' else failure end,
                failed_at = case when queued and delivered_at is null and failed_at is null
                                 then now() else failed_at end
            where customer_id = :customer""",
            customerId,
            erasureId));
    counts.put(
        "ledgerEntries",
        anonymise(
            """
            update message_ledger set customer_id = :pseudonym, recipient = null,
                provider_message_id = null, lease_owner = null,
                idempotency_key = :pseudonym || '/' || md5(idempotency_key)
            where customer_id = :customer""",
            customerId,
            erasureId));
    // experiment outcomes are keyed by enrollment id (the workflow id, which names the customer)
    anonymise(
        """
        update experiment_outcome set enrollment_id = :pseudonym || '/' || md5(enrollment_id)
        where enrollment_id in (
          select enrollment_id from journey_enrollment where customer_id = :customer)""",
        customerId,
        erasureId);
    counts.put(
        "enrollments",
        anonymise(
            """
            update journey_enrollment set customer_id = :pseudonym,
                enrollment_id = :pseudonym || '/' || md5(enrollment_id)
            where customer_id = :customer""",
            customerId,
            erasureId));
    counts.put(
        "suppressionEvents",
        delete(
            "update address_suppression_event set customer_id = null where customer_id = :customer",
            customerId));
    return counts;
  }

  private int delete(String sql, String customerId) {
    return jdbc.sql(sql).param("customer", customerId).update();
  }

  private int anonymise(String sql, String customerId, String erasureId) {
    return jdbc.sql(sql).param("customer", customerId).param("pseudonym", erasureId).update();
  }

  private String toJson(Map<String, Integer> counts) {
    try {
      return json.writeValueAsString(counts);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
