package dev.journeys.api.optout;

import dev.journeys.api.event.EventIngest;
import dev.journeys.customer.ConsentChange;
import dev.journeys.customer.CustomerProfiles;
import dev.journeys.event.CustomerEvent;
import dev.journeys.event.EventTypes;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowServiceException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Consent changes that reach running journeys: when a change withdraws marketing consent (one-click
 * unsubscribe, SMS STOP, a consent change through the API), the customer's running enrollments get
 * an {@code unsubscribed} event through the router, so journeys that exit on it (welcome series,
 * win-back) end without the shop having to send it.
 *
 * <p>The event's id is derived from the consent change ({@code consent-change/<audit row id>}) and
 * it goes through {@link EventIngest} like any event: recorded once in the inbound event log,
 * routed (or held) per journey. The consent itself is committed first, whatever Temporal does; if
 * the event cannot be delivered the request fails, and its retry (or the customer's next consent
 * change) announces every recent withdrawal that is still in effect and not yet announced.
 */
@Component
public class OptOutEvents {

  private static final Logger log = LoggerFactory.getLogger(OptOutEvents.class);

  /** Withdrawals older than this that were never announced are left alone. */
  static final Duration RECENT = Duration.ofDays(1);

  private final CustomerProfiles profiles;
  private final EventIngest ingest;
  private final org.springframework.jdbc.core.simple.JdbcClient jdbc;
  private final Clock clock;

  public OptOutEvents(
      CustomerProfiles profiles,
      EventIngest ingest,
      org.springframework.jdbc.core.simple.JdbcClient jdbc,
      Clock clock) {
    this.profiles = profiles;
    this.ingest = ingest;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * As {@link CustomerProfiles#changeConsents}, then announces withdrawn marketing consent to the
   * customer's running journeys. Empty if there is no such customer.
   */
  public Optional<dev.journeys.customer.Customer> changeConsents(
      String customerId, List<ConsentChange> changes, String source) {
    var changed = profiles.changeConsents(customerId, changes, source);
    if (changed.isPresent()) {
      try {
        announce(customerId);
      } catch (RuntimeException e) {
        if (!temporalUnavailable(e)) {
          throw e;
        }
        // without a caller's transaction the change was committed before Temporal was called;
        // within one (SMS STOP) it is rolled back with it when this exception leaves
        throw new OptOutNotAnnounced(
            !TransactionSynchronizationManager.isActualTransactionActive(), e);
      }
    }
    return changed;
  }

  private static final Set<Status.Code> UNAVAILABLE =
      Set.of(
          Status.Code.UNAVAILABLE,
          Status.Code.DEADLINE_EXCEEDED,
          Status.Code.RESOURCE_EXHAUSTED,
          Status.Code.CANCELLED);

  /** What the API answers with 503: Temporal unreachable, out of time or overloaded. */
  private static boolean temporalUnavailable(RuntimeException e) {
    if (e instanceof WorkflowServiceException) {
      return true;
    }
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof StatusRuntimeException s) {
        return UNAVAILABLE.contains(s.getStatus().getCode());
      }
    }
    return false;
  }

  /** Emits one {@code unsubscribed} event for the customer's unannounced withdrawals, if any. */
  void announce(String customerId) {
    List<Withdrawal> withdrawals = unannounced(customerId);
    if (withdrawals.isEmpty()) {
      return;
    }
    Withdrawal last = withdrawals.getLast();
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("consentChangeId", last.id());
    properties.put("source", last.source());
    properties.put("channels", withdrawals.stream().map(Withdrawal::channel).distinct().toList());
    properties.put("topic", "MARKETING");
    var event =
        new CustomerEvent(
            "consent-change/" + last.id(),
            customerId,
            EventTypes.UNSUBSCRIBED,
            last.at(),
            properties);
    var result = ingest.ingest(event);
    log.info(
        "customer {} withdrew marketing consent ({}): {} {}",
        customerId,
        last.source(),
        result.status(),
        result.journeys());
  }

  private record Withdrawal(long id, String channel, String source, Instant at) {}

  /**
   * Marketing consents withdrawn recently, still withdrawn, and not covered by an announcement (an
   * {@code unsubscribed} event of ours naming this or a later change), oldest first.
   */
  private List<Withdrawal> unannounced(String customerId) {
    return jdbc.sql(
            """
            select c.id, c.channel, c.source, c.changed_at from consent_change c
            join consent k on k.customer_id = c.customer_id and k.channel = c.channel
                and k.topic = c.topic and k.status = 'DENIED'
            where c.customer_id = :customer and c.topic = 'MARKETING' and c.status = 'DENIED'
              and c.changed_at > :since
              and not exists (
                select 1 from inbound_event e
                where e.customer_id = c.customer_id and e.type = :type
                  and e.event_id like 'consent-change/%' and e.delivered_at is not null
                  and (e.properties ->> 'consentChangeId')::bigint >= c.id)
            order by c.id""")
        .param("customer", customerId)
        .param("since", Timestamp.from(clock.instant().minus(RECENT)))
        .param("type", EventTypes.UNSUBSCRIBED)
        .query(
            (rs, n) ->
                new Withdrawal(
                    rs.getLong("id"),
                    rs.getString("channel"),
                    rs.getString("source"),
                    rs.getTimestamp("changed_at").toInstant()))
        .list();
  }
}
