package dev.journeys.api.customer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeys.customer.Customer;
import dev.journeys.customer.PushToken;
import java.util.Iterator;
import java.util.Map;

/**
 * {@code PATCH /v1/customers/{id}} as a JSON merge patch (RFC 7396) over the profile as a {@code
 * PUT} body: a field given replaces the stored one, {@code null} clears it, a field left out stays;
 * {@code attributes} merge key by key. Consents behave as on {@code PUT} (those listed change).
 */
final class CustomerPatch {

  private CustomerPatch() {}

  /** The stored profile as the {@code PUT} body that would recreate it, without consents. */
  static CustomerRequest current(Customer customer, Map<String, Object> attributes) {
    return new CustomerRequest(
        customer.email(),
        customer.phone(),
        customer.timeZone(),
        customer.locale(),
        customer.firstName(),
        null,
        customer.whatsappNumber(),
        customer.messengerPsid(),
        customer.instagramId(),
        customer.pushTokens().isEmpty()
            ? null
            : customer.pushTokens().stream().map(PushToken::token).sorted().toList(),
        customer.region(),
        customer.preferredChannel(),
        attributes == null || attributes.isEmpty() ? null : attributes);
  }

  /** Applies the patch to the target in place (RFC 7396, section 2). */
  static void merge(ObjectNode target, ObjectNode patch) {
    Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
    while (fields.hasNext()) {
      var field = fields.next();
      JsonNode value = field.getValue();
      if (value.isNull()) {
        target.remove(field.getKey());
      } else if (value.isObject() && target.get(field.getKey()) instanceof ObjectNode existing) {
        merge(existing, (ObjectNode) value);
      } else if (value.isObject()) {
        ObjectNode fresh = target.putObject(field.getKey());
        merge(fresh, (ObjectNode) value);
      } else {
        target.set(field.getKey(), value);
      }
    }
  }
}
