package dev.journeys.customer;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates and changes profiles, keeping the consent audit trail in the same transaction so a
 * consent is never changed without a record of who changed it.
 */
@Service
public class CustomerProfiles {

  private final CustomerRepository customers;
  private final JdbcClient jdbc;
  private final Clock clock;

  public CustomerProfiles(CustomerRepository customers, JdbcClient jdbc, Clock clock) {
    this.customers = customers;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public Optional<Customer> find(String id) {
    return customers.findById(id);
  }

  /**
   * Creates or replaces a profile. Consents not named in {@code profile} are kept as they are;
   * named ones are set, and each actual change is written to the audit trail with {@code source}.
   */
  @Transactional
  public Customer save(Customer profile, String source) {
    Instant now = clock.instant();
    customers.lockById(profile.id());
    var existing = customers.findById(profile.id());
    Map<String, Consent> current =
        existing.map(Customer::consents).orElse(java.util.Set.of()).stream()
            .collect(Collectors.toMap(Profiles::consentKey, Function.identity()));
    var merged = new HashSet<>(current.values());
    for (Consent wanted : profile.consents()) {
      Consent before = current.get(Profiles.consentKey(wanted));
      if (wanted.sameAnswerAs(before)) {
        continue;
      }
      merged.remove(before);
      merged.add(new Consent(wanted.channel(), wanted.topic(), wanted.status(), source, now));
      jdbc.sql(
              """
              insert into consent_change (customer_id, channel, topic, status, source, changed_at)
              values (:customer, :channel, :topic, :status, :source, :at)""")
          .param("customer", profile.id())
          .param("channel", wanted.channel().name())
          .param("topic", wanted.topic().name())
          .param("status", wanted.status().name())
          .param("source", source)
          .param("at", java.sql.Timestamp.from(now))
          .update();
    }
    var toSave =
        new Customer(
            profile.id(),
            profile.email(),
            profile.phone(),
            profile.timeZone(),
            profile.locale(),
            profile.firstName(),
            merged,
            existing.map(Customer::version).orElse(null),
            profile.whatsappNumber(),
            profile.messengerPsid(),
            profile.instagramId(),
            pushTokens(profile, existing, now),
            profile.region(),
            profile.preferredChannel());
    return customers.save(toSave);
  }

  /** Tokens keep the time they were registered (given, or first seen); new ones get now. */
  private static java.util.Set<PushToken> pushTokens(
      Customer profile, Optional<Customer> existing, Instant now) {
    Map<String, Instant> known =
        existing.map(Customer::pushTokens).orElse(java.util.Set.of()).stream()
            .collect(Collectors.toMap(PushToken::token, PushToken::registeredAt));
    return profile.pushTokens().stream()
        .map(
            t ->
                new PushToken(
                    t.token(),
                    t.registeredAt() != null
                        ? t.registeredAt()
                        : known.getOrDefault(t.token(), now)))
        .collect(Collectors.toSet());
  }

  /**
   * Changes consents of an existing customer, leaving the profile and other consents as they are;
   * every actual change lands in the audit trail with {@code source} (api, sms-stop,
   * unsubscribe-link, ...). Empty if there is no such customer. Takes effect for the next send of
   * every running journey: the send activity reads consent with the same row lock.
   */
  @Transactional
  public Optional<Customer> changeConsents(String id, List<ConsentChange> changes, String source) {
    customers.lockById(id);
    var existing = customers.findById(id);
    if (existing.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Consent> wanted = new java.util.LinkedHashMap<>();
    for (ConsentChange change : changes) {
      for (Consent consent : change.consents()) {
        wanted.put(Profiles.consentKey(consent), consent);
      }
    }
    return Optional.of(save(existing.get().withConsents(new HashSet<>(wanted.values())), source));
  }

  /** Ids of the customers with this phone number (an inbound SMS names only the number). */
  public List<String> idsByPhone(String phone) {
    return jdbc.sql("select id from customer where phone = :phone order by id")
        .param("phone", phone)
        .query(String.class)
        .list();
  }

  /** The consent audit trail, oldest first. */
  public List<ConsentHistoryEntry> consentHistory(String id) {
    return jdbc.sql(
            """
            select channel, topic, status, source, changed_at from consent_change
            where customer_id = :customer order by changed_at, id""")
        .param("customer", id)
        .query(
            (rs, n) ->
                new ConsentHistoryEntry(
                    dev.journeys.messaging.Channel.valueOf(rs.getString("channel")),
                    dev.journeys.messaging.Topic.valueOf(rs.getString("topic")),
                    ConsentStatus.valueOf(rs.getString("status")),
                    rs.getString("source"),
                    rs.getTimestamp("changed_at").toInstant()))
        .list();
  }

  /**
   * As {@link #save(Customer, String)}, and replaces the profile's free-form attributes (journeys
   * branch on them) when {@code attributes} is not null, in the same transaction.
   */
  @Transactional
  public Customer save(Customer profile, Map<String, Object> attributes, String source) {
    Customer saved = save(profile, source);
    if (attributes != null) {
      jdbc.sql("update customer set attributes = cast(:json as jsonb) where id = :id")
          .param("json", Json.write(attributes))
          .param("id", profile.id())
          .update();
    }
    return saved;
  }

  /** The profile's free-form attributes; empty when none or no such customer. */
  public Map<String, Object> attributes(String id) {
    return jdbc.sql("select attributes::text from customer where id = :id")
        .param("id", id)
        .query(String.class)
        .optional()
        .map(Json::read)
        .orElse(Map.of());
  }

  private static final class Json {
    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER =
        new com.fasterxml.jackson.databind.ObjectMapper();

    static String write(Map<String, Object> value) {
      try {
        return MAPPER.writeValueAsString(value);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalArgumentException("attributes are not JSON: " + e.getMessage(), e);
      }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> read(String json) {
      try {
        return MAPPER.readValue(json, Map.class);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException("stored attributes are not JSON", e);
      }
    }
  }

  private static final class Profiles {
    static String consentKey(Consent c) {
      return c.channel() + "/" + c.topic();
    }
  }
}
