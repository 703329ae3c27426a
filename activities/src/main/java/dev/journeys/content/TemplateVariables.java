package dev.journeys.content;

import dev.journeys.customer.Customer;
import java.util.HashMap;
import java.util.Map;

/** What a template can use: the customer's profile, then the journey's and event's data. */
public final class TemplateVariables {

  private TemplateVariables() {}

  public static Map<String, Object> of(Customer customer, Map<String, Object> data) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("customerId", customer.id());
    putIfPresent(variables, "firstName", customer.firstName());
    putIfPresent(variables, "email", customer.email());
    putIfPresent(variables, "phone", customer.phone());
    putIfPresent(variables, "locale", customer.locale());
    if (data != null) {
      data.forEach((k, v) -> putIfPresent(variables, k, v));
    }
    return variables;
  }

  private static void putIfPresent(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }
}
