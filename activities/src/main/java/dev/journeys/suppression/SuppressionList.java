package dev.journeys.suppression;

import dev.journeys.messaging.Channel;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Addresses (email, phone) suppressed for hard bounces, complaints or by an operator; checked on
 * every send. Email addresses are compared case-insensitively.
 */
@Repository
public class SuppressionList {

  private final JdbcClient jdbc;

  public SuppressionList(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Adds an address, or updates its reason and note if it is already suppressed. */
  public SuppressedAddress add(
      Channel channel,
      String address,
      SuppressedAddress.Reason reason,
      String source,
      String note) {
    return jdbc.sql(
            """
            insert into suppressed_address (channel, address, reason, source, note)
            values (:channel, :address, :reason, :source, :note)
            on conflict (channel, address) do update
              set reason = excluded.reason, source = excluded.source, note = excluded.note
            returning *""")
        .param("channel", channel.name())
        .param("address", normalized(channel, address))
        .param("reason", reason.name())
        .param("source", source)
        .param("note", note)
        .query(SuppressionList::row)
        .single();
  }

  /** Removes an address; false if it was not suppressed. */
  public boolean remove(Channel channel, String address) {
    return jdbc.sql(
                "delete from suppressed_address where channel = :channel and address = :address")
            .param("channel", channel.name())
            .param("address", normalized(channel, address))
            .update()
        == 1;
  }

  public Optional<SuppressedAddress> find(Channel channel, String address) {
    return jdbc.sql(
            "select * from suppressed_address where channel = :channel and address = :address")
        .param("channel", channel.name())
        .param("address", normalized(channel, address))
        .query(SuppressionList::row)
        .optional();
  }

  /**
   * Suppressed addresses, newest first, optionally of one channel; after a row (its time, channel
   * and address, the unique key that breaks ties) when {@code afterAt} is not null.
   */
  public List<SuppressedAddress> list(
      Channel channel,
      java.time.Instant afterAt,
      String afterChannel,
      String afterAddress,
      int limit) {
    return jdbc.sql(
            """
            select * from suppressed_address
            where (cast(:channel as text) is null or channel = :channel)
              and (cast(:afterAt as timestamptz) is null
                   or created_at < cast(:afterAt as timestamptz)
                   or (created_at = cast(:afterAt as timestamptz)
                       and (channel, address) > (:afterChannel, :afterAddress)))
            order by created_at desc, channel, address limit :limit""")
        .param("channel", channel == null ? null : channel.name())
        .param("afterAt", afterAt == null ? null : java.sql.Timestamp.from(afterAt))
        .param("afterChannel", afterChannel == null ? "" : afterChannel)
        .param("afterAddress", afterAddress == null ? "" : afterAddress)
        .param("limit", limit)
        .query(SuppressionList::row)
        .list();
  }

  /** Suppressed addresses, newest first, optionally of one channel. */
  public List<SuppressedAddress> list(Channel channel, int limit) {
    return list(channel, null, null, null, limit);
  }

  static String normalized(Channel channel, String address) {
    String trimmed = address.trim();
    return channel == Channel.EMAIL ? trimmed.toLowerCase(Locale.ROOT) : trimmed;
  }

  private static SuppressedAddress row(ResultSet rs, int n) throws SQLException {
    return new SuppressedAddress(
        Channel.valueOf(rs.getString("channel")),
        rs.getString("address"),
        SuppressedAddress.Reason.valueOf(rs.getString("reason")),
        rs.getString("source"),
        rs.getString("note"),
        rs.getTimestamp("created_at").toInstant());
  }
}
