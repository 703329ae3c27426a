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
    return toBuilder().consents(newConsents).build();
  }

  /** The same profile in a region (ISO 3166-2 such as {@code US-FL}, or a country). */
  public Customer withRegion(String newRegion) {
    return toBuilder().region(newRegion).build();
  }

  /** The same profile with a preferred channel. */
  public Customer withPreferredChannel(Channel channel) {
    return toBuilder().preferredChannel(channel).build();
  }

  /** The same profile with messaging-app addresses and push tokens. */
  public Customer withMessagingAddresses(
      String whatsapp, String messengerId, String instagram, Set<PushToken> tokens) {
    return toBuilder()
        .messagingAddresses(whatsapp, messengerId, instagram)
        .pushTokens(tokens)
        .build();
  }

  private Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * A copy under change, so each wither names only what it changes; the profile has grown one field
   * per channel, and a fourteen-argument constructor call per wither hid which one changed.
   */
  private static final class Builder {
    private final Customer from;
    private Set<Consent> consents;
    private String whatsappNumber;
    private String messengerPsid;
    private String instagramId;
    private Set<PushToken> pushTokens;
    private String region;
    private Channel preferredChannel;

    private Builder(Customer from) {
      this.from = from;
      consents = from.consents;
      whatsappNumber = from.whatsappNumber;
      messengerPsid = from.messengerPsid;
      instagramId = from.instagramId;
      pushTokens = from.pushTokens;
      region = from.region;
      preferredChannel = from.preferredChannel;
    }

    Builder consents(Set<Consent> value) {
      consents = value;
      return this;
    }

    Builder messagingAddresses(String whatsapp, String messenger, String instagram) {
      whatsappNumber = whatsapp;
      messengerPsid = messenger;
      instagramId = instagram;
      return this;
    }

    Builder pushTokens(Set<PushToken> value) {
      pushTokens = value;
      return this;
    }

    Builder region(String value) {
      region = value;
      return this;
    }

    Builder preferredChannel(Channel value) {
      preferredChannel = value;
      return this;
    }

    Customer build() {
      return new Customer(
          from.id,
          from.email,
          from.phone,
          from.timeZone,
          from.locale,
          from.firstName,
          consents,
          from.version,
          whatsappNumber,
          messengerPsid,
          instagramId,
          pushTokens,
          region,
          preferredChannel);
    }
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
