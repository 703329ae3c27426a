package dev.journeys.testsupport;

import dev.journeys.customer.Consent;
import dev.journeys.customer.ConsentStatus;
import dev.journeys.customer.Customer;
import dev.journeys.customer.CustomerProfiles;
import dev.journeys.messaging.Channel;
import dev.journeys.messaging.SendRequest;
import dev.journeys.messaging.Topic;
import java.util.Map;
import java.util.Set;

/** Customers and cart sends as the send-activity tests need them. */
public final class CartSendFixtures {
  private CartSendFixtures() {}

  /**
   * Saves a Berlin customer whose first name is the capitalised id, with the same marketing consent
   * answer for email and SMS.
   */
  public static void customer(
      CustomerProfiles profiles, String id, String email, String phone, ConsentStatus marketing) {
    String name = Character.toUpperCase(id.charAt(0)) + id.substring(1);
    profiles.save(
        new Customer(
            id,
            email,
            phone,
            "Europe/Berlin",
            "en",
            name,
            Set.of(
                new Consent(Channel.EMAIL, Topic.MARKETING, marketing, null, null),
                new Consent(Channel.SMS, Topic.MARKETING, marketing, null, null)),
            null),
        "test");
  }

  /** The cart reminder (email) or last call (SMS) of the abandoned-cart journey. */
  public static SendRequest cartRequest(String customer, String key, Channel channel) {
    String messageKey = channel == Channel.EMAIL ? "cart-reminder" : "cart-last-call";
    return new SendRequest(
        key,
        customer,
        "abandoned-cart",
        messageKey,
        channel,
        Topic.MARKETING,
        messageKey,
        Map.of("cartTotal", "59.90"));
  }
}
