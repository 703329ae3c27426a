package dev.journeys.event.payload;

import java.math.BigDecimal;

/**
 * {@code cart_abandoned}.
 *
 * @param cartId the shop's cart
 * @param cartTotal the cart's value, a number or a decimal text ({@code "59.90"}); the cart
 *     templates show it
 * @param currency ISO 4217 code of the total
 */
public record CartAbandoned(@Id String cartId, BigDecimal cartTotal, String currency)
    implements EventPayload {}
