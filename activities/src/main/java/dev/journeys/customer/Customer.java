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
    Channel preferredChannel) {

  @PersistenceCreator
  public Customer {
    consents = consents == null ? Set.of() : Set.copyOf(consents);
  }

  /** A profile without a preferred channel. */
  public Customer(
      String id,
      String email,
      String phone,
      String timeZone,
      String locale,
      String firstName,
      Set<Consent> consents,
      Long version) {
    this(id, email, phone, timeZone, locale, firstName, consents, version, null);
  }

  /** The customer's address on a channel, if they have one. */
  public Optional<String> addressOn(Channel channel) {
    String address =
        switch (channel) {
          case EMAIL -> email;
          case SMS -> phone;
        };
    return Optional.ofNullable(address).filter(a -> !a.isBlank());
  }

  public Optional<Consent> consentFor(Channel channel, Topic topic) {
    return consents.stream().filter(c -> c.channel() == channel && c.topic() == topic).findFirst();
  }
}
