package dev.journeys.content;

import dev.journeys.customer.Customer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a template can use, kept apart by where it came from, so that data from an event can never
 * stand in for the customer's profile or for what the journey provides:
 *
 * <ul>
 *   <li>{@code customer.*}: the profile ({@link #CUSTOMER_FIELDS});
 *   <li>{@code event.*}: the message's data, what the journey took from its events;
 *   <li>{@code message.*} ({@link #MESSAGE_FIELDS}) and {@code unsubscribeUrl}: the send itself.
 * </ul>
 *
 * @param customer the profile's fields that are set
 * @param event the message's data (event properties), as given
 * @param message facts about the send: {@code key}, {@code channel}
 * @param unsubscribeUrl the signed one-click unsubscribe link, for promotional email; else null
 */
public record TemplateVariables(
    Map<String, Object> customer,
    Map<String, Object> event,
    Map<String, Object> message,
    String unsubscribeUrl) {

  /** The profile's fields a template may use, as {@code customer.<field>}. */
  public static final Set<String> CUSTOMER_FIELDS =
      Set.of("id", "firstName", "email", "phone", "locale");

  /** What a template may know about the send, as {@code message.<field>}. */
  public static final Set<String> MESSAGE_FIELDS = Set.of("key", "channel");

  /** The names of the namespaces, which nothing from an event may shadow. */
  public static final Set<String> ROOTS = Set.of("customer", "event", "message", "unsubscribeUrl");

  /** The names under which flat (old) templates read the profile: never from the event. */
  public static final Set<String> PROFILE_FIELDS =
      Set.of("customerId", "firstName", "email", "phone", "locale");

  public TemplateVariables {
    customer = customer == null ? Map.of() : Map.copyOf(customer);
    event = event == null ? Map.of() : withoutNulls(event);
    message = message == null ? Map.of() : Map.copyOf(message);
  }

  /** The profile and the message's data; nothing about the send yet. */
  public static TemplateVariables of(Customer customer, Map<String, Object> data) {
    Map<String, Object> profile = new HashMap<>();
    putIfPresent(profile, "id", customer.id());
    putIfPresent(profile, "firstName", customer.firstName());
    putIfPresent(profile, "email", customer.email());
    putIfPresent(profile, "phone", customer.phone());
    putIfPresent(profile, "locale", customer.locale());
    return new TemplateVariables(profile, data, Map.of(), null);
  }

  /** The same with facts about the send. */
  public TemplateVariables withMessage(Map<String, Object> send, String unsubscribe) {
    return new TemplateVariables(customer, event, send, unsubscribe);
  }

  /** The customer's locale, which picks the template variant; null when the profile has none. */
  public String locale() {
    Object locale = customer.get("locale");
    return locale == null ? null : locale.toString();
  }

  /** What a template of this naming renders from. */
  public Map<String, Object> model(VariableNaming naming) {
    return naming == VariableNaming.FLAT ? flat() : namespaced();
  }

  private Map<String, Object> namespaced() {
    Map<String, Object> model = new HashMap<>();
    model.put("customer", customer);
    model.put("event", event);
    model.put("message", message);
    putIfPresent(model, "unsubscribeUrl", unsubscribeUrl);
    return model;
  }

  /**
   * The old flat names: the event's data first, then the profile over it, so that an event property
   * named like a profile field ({@code firstName}) is never used, even when the profile has no
   * value for it (the template then fails as missing the variable, never shows the event's text).
   */
  private Map<String, Object> flat() {
    Map<String, Object> model = new HashMap<>(event);
    PROFILE_FIELDS.forEach(model::remove);
    putIfPresent(model, "customerId", customer.get("id"));
    for (String field : List.of("firstName", "email", "phone", "locale")) {
      putIfPresent(model, field, customer.get(field));
    }
    return model;
  }

  private static Map<String, Object> withoutNulls(Map<String, Object> data) {
    Map<String, Object> copy = new HashMap<>();
    data.forEach((k, v) -> putIfPresent(copy, k, v));
    return java.util.Collections.unmodifiableMap(copy);
  }

  private static void putIfPresent(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }
}
