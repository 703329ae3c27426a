package dev.journeys.handoff;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The enrollment behind each handoff ticket. The helpdesk reports a handoff ticket resolved with
 * nothing but the ticket's own id, which names neither the order of a per-order enrollment nor the
 * customer's ticket of a per-ticket one; the handoff records here which workflow opened the ticket,
 * so that the API can deliver the resolution to it.
 */
@Repository
public class HandoffTickets {

  private final JdbcClient jdbc;

  public HandoffTickets(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Records that {@code workflowId} opened the ticket; a retried handoff records nothing new. */
  public void opened(String customerId, String ticketId, String workflowId, String journey) {
    jdbc.sql(
            """
            insert into handoff_ticket (customer_id, ticket_id, workflow_id, journey)
            values (:customer, :ticket, :workflow, :journey)
            on conflict (customer_id, ticket_id) do nothing""")
        .param("customer", customerId)
        .param("ticket", ticketId)
        .param("workflow", workflowId)
        .param("journey", journey)
        .update();
  }

  /** The enrollment that opened the customer's handoff ticket, if a handoff opened it. */
  public Optional<Opener> openerOf(String customerId, String ticketId) {
    return jdbc.sql(
            """
            select workflow_id, journey from handoff_ticket
            where customer_id = :customer and ticket_id = :ticket""")
        .param("customer", customerId)
        .param("ticket", ticketId)
        .query((rs, n) -> new Opener(rs.getString("workflow_id"), rs.getString("journey")))
        .optional();
  }

  /** The workflow of the enrollment that handed off, and its journey. */
  public record Opener(String workflowId, String journey) {}
}
