package dev.journeys.customer;

import dev.journeys.messaging.Channel;
import dev.journeys.messaging.Topic;
import java.util.Optional;
import java.util.Set;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/** A customer's profile: how to reach them, where they are, and what they agreed to receive. */
@Table("customer")
public record Customer(
    @Id String id,
    String email,
    String phone,
    String timeZone,
    String locale,
    String firstName,
    @MappedCollection(idColumn = "customer_id") Set<Consent> consents,
    @Version Long version,
    String whatsappNumber,
    String messengerPsid,
    String instagramId,
    @MappedCollection(idColumn = "customer_id") Set<PushToken> pushTokens,
    String region,
    Channel preferredChannel) {

  @PersistenceCreator
  public Customer {
    consents = consents == null ? Set.of() : Set.copyOf(consents);
    pushTokens = pushTokens == null ? Set.of() : Set.copyOf(pushTokens);
  }

  /** A profile without messaging-app addresses or push tokens. */
  public Customer(
      String id,
      String email,
      String phone,
      String timeZone,
      String locale,
      String firstName,
      Set<Consent> consents,
      Long version) {
    this(
        id, email, phone, timeZone, locale, firstName, consents, version, null, null, null, null,
        null, null);
  }

  /** The same profile with other consents (everything else, version included, kept). */
  public Customer withConsents(Set<Consent> newConsents) {
    return new Customer(
        id,
        email,
        phone,
        timeZone,
        locale,
        firstName,
        newConsents,
        version,
        whatsappNumber,
        messengerPsid,
        instagramId,
        pushTokens,
        region,
        preferredChannel);
  }

  /** The same profile in a region (ISO 3166-2 such as {@code US-FL}, or a country). */
  public Customer withRegion(String newRegion) {
    return new Customer(
        id,
        email,
        phone,
        timeZone,
        locale,
        firstName,
        consents,
        version,
        whatsappNumber,
        messengerPsid,
        instagramId,
        pushTokens,
        newRegion,
        preferredChannel);
  }

  /** The same profile with a preferred channel. */
  public Customer withPreferredChannel(Channel channel) {
    return new Customer(
        id,
        email,
        phone,
        timeZone,
        locale,
        firstName,
        consents,
        version,
        whatsappNumber,
        messengerPsid,
        instagramId,
        pushTokens,
        region,
        channel);
  }

  /** The same profile with messaging-app addresses and push tokens. */
  public Customer withMessagingAddresses(
      String whatsapp, String messengerId, String instagram, Set<PushToken> tokens) {
    return new Customer(
        id,
        email,
        phone,
        timeZone,
        locale,
        firstName,
        consents,
        version,
        whatsapp,
        messengerId,
        instagram,
        tokens,
        region,
        preferredChannel);
  }

  /** The customer's address on a channel, if they have one. */
  public Optional<String> addressOn(Channel channel) {
    String address =
        switch (channel) {
          case EMAIL -> email;
          case SMS -> phone;
          case WHATSAPP -> whatsappNumber != null ? whatsappNumber : phone;
          case MESSENGER -> messengerPsid;
          case INSTAGRAM -> instagramId;
          // the device registered last; a stale one is removed when the push service says so
          case PUSH ->
              pushTokens.stream()
                  .max(
                      java.util.Comparator.comparing(
                          PushToken::registeredAt,
                          java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder())))
                  .map(PushToken::token)
                  .orElse(null);
          // the shop's own endpoint knows its customers by id
          case WEBHOOK -> id;
        };
    return Optional.ofNullable(address).filter(a -> !a.isBlank());
  }

  public Optional<Consent> consentFor(Channel channel, Topic topic) {
    return consents.stream().filter(c -> c.channel() == channel && c.topic() == topic).findFirst();
  }
}
