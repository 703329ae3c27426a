package dev.journeys.api.customer;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.journeys.customer.Customer;
import java.util.Map;

/**
 * A customer as {@code GET /v1/customers/{id}} shows it: the stored profile, and the free-form
 * {@code attributes} (tier, interests, ...) that journeys branch on, as they were last PUT.
 */
public record CustomerView(@JsonUnwrapped Customer customer, Map<String, Object> attributes) {}
