package dev.journeys.customer;

import dev.journeys.messaging.Channel;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * When a customer last wrote to us on each channel. Messaging apps (WhatsApp, Messenger, Instagram)
 * allow free-form messages only within 24 hours of that.
 */
@Repository
public class ChannelActivity {

  private final JdbcClient jdbc;

  public ChannelActivity(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Records an inbound message; an older timestamp than the one stored is ignored. */
  public void recordInbound(String customerId, Channel channel, Instant at) {
    jdbc.sql(
            """
            insert into customer_channel_activity (customer_id, channel, last_inbound_at)
            values (:customer, :channel, :at)
            on conflict (customer_id, channel) do update
            set last_inbound_at = greatest(customer_channel_activity.last_inbound_at,
                                           excluded.last_inbound_at)""")
        .param("customer", customerId)
        .param("channel", channel.name())
        .param("at", Timestamp.from(at))
        .update();
  }

  public Optional<Instant> lastInbound(String customerId, Channel channel) {
    return jdbc.sql(
            """
            select last_inbound_at from customer_channel_activity
            where customer_id = :customer and channel = :channel""")
        .param("customer", customerId)
        .param("channel", channel.name())
        .query(Timestamp.class)
        .optional()
        .map(Timestamp::toInstant);
  }

  /**
   * Records an inbound message from a channel address (a WhatsApp number, a page-scoped id) for the
   * customers who have it; returns how many there were.
   */
  public int recordInboundFrom(Channel channel, String address, Instant at) {
    String column =
        switch (channel) {
          case WHATSAPP -> "coalesce(whatsapp_number, phone)";
          case SMS -> "phone";
          case MESSENGER -> "messenger_psid";
          case INSTAGRAM -> "instagram_id";
          case EMAIL -> "email";
          default -> throw new IllegalArgumentException("no inbound messages on " + channel);
        };
    var customers =
        jdbc.sql("select id from customer where " + column + " = :address")
            .param("address", address)
            .query(String.class)
            .list();
    customers.forEach(id -> recordInbound(id, channel, at));
    return customers.size();
  }
}
