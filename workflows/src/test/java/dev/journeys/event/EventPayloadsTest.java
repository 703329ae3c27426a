package dev.journeys.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.event.payload.FieldProblem;
import dev.journeys.event.payload.MessageReceipt;
import dev.journeys.event.payload.OrderPlaced;
import dev.journeys.event.payload.OrderShipped;
import dev.journeys.event.payload.TicketOpened;
import io.temporal.common.converter.DefaultDataConverter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventPayloadsTest {

  private static CustomerEvent event(String type, Map<String, Object> properties) {
    return new CustomerEvent("e-1", "ada", type, Instant.EPOCH, properties);
  }

  private static List<String> problems(String type, Map<String, Object> properties) {
    return EventPayloads.problems(type, properties).stream()
        .map(p -> p.field() + " " + p.message())
        .toList();
  }

  @Test
  void everyEventTypeDeclaresItsPayload() {
    List<String> types =
        Arrays.stream(EventTypes.class.getFields())
            .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
            .map(EventPayloadsTest::value)
            .toList();

    assertThat(EventPayloads.all().keySet()).containsExactlyInAnyOrderElementsOf(types);
  }

  @Test
  void anIdSentAsANumberReadsAsTheSameText() {
    for (Object id : List.of("1001", 1001, 1001L, 1001.0, BigInteger.valueOf(1001))) {
      assertThat(event(EventTypes.ORDER_SHIPPED, Map.of("orderId", id)).payload())
          .as("orderId %s (%s)", id, id.getClass().getSimpleName())
          .isEqualTo(new OrderShipped("1001", null, null));
    }
    assertThat(event(EventTypes.ORDER_PLACED, Map.of("orderId", 1001)).id("orderId"))
        .isEqualTo("1001");
  }

  @Test
  void readsTheDeclaredFieldsAndLeavesTheRestToTheProperties() {
    var placed =
        event(
            EventTypes.ORDER_PLACED,
            Map.of(
                "orderId",
                "o-1",
                "orderTotal",
                "42.50",
                "consumable",
                true,
                "replenishAfterDays",
                30,
                "coupon",
                Map.of("code", "X")));

    assertThat(placed.payload(OrderPlaced.class))
        .isEqualTo(new OrderPlaced("o-1", new BigDecimal("42.50"), true, 30));
    assertThat(placed.payload(OrderPlaced.class).remindsToReplenish()).isTrue();
    assertThat(placed.properties()).containsKey("coupon");
  }

  @Test
  void readsTagsAsAListOrAsCommaSeparatedText() {
    assertThat(
            event(EventTypes.TICKET_OPENED, Map.of("tags", "vip, journeys"))
                .payload(TicketOpened.class)
                .tags())
        .containsExactly("vip", "journeys");
    assertThat(
            event(EventTypes.TICKET_OPENED, Map.of("tags", List.of(" journeys ")))
                .payload(TicketOpened.class)
                .tags())
        .containsExactly("journeys");
  }

  @Test
  void aFieldOfTheWrongTypeReadsAsNullInsteadOfFailingTheWorkflow() {
    // events recorded before the API checked payloads must still replay
    var odd = new HashMap<String, Object>();
    odd.put("orderId", true);
    odd.put("consumable", "yes");
    odd.put("replenishAfterDays", "thirty");
    odd.put("orderTotal", List.of());

    assertThat(event(EventTypes.ORDER_PLACED, odd).payload())
        .isEqualTo(new OrderPlaced(null, null, null, null));
    assertThat(event(EventTypes.MESSAGE_FAILED, Map.of()).payload(MessageReceipt.class).status())
        .isNull();
  }

  @Test
  void acceptsWellTypedPayloadsWithAnyExtraProperties() {
    assertThat(
            problems(
                EventTypes.ORDER_PLACED,
                Map.of(
                    "orderId",
                    4711,
                    "orderTotal",
                    "59.90",
                    "consumable",
                    false,
                    "replenishAfterDays",
                    30,
                    "items",
                    List.of(Map.of("sku", "A-1")))))
        .isEmpty();
    assertThat(problems(EventTypes.CART_ABANDONED, Map.of("cartTotal", 59.9))).isEmpty();
    assertThat(problems(EventTypes.TICKET_OPENED, Map.of("tags", List.of("a", "b")))).isEmpty();
    assertThat(problems(EventTypes.CUSTOMER_SIGNED_UP, Map.of("anything", List.of()))).isEmpty();
    assertThat(problems(EventTypes.ORDER_DELIVERED, Map.of())).isEmpty();
  }

  @Test
  void namesEachDeclaredFieldOfTheWrongType() {
    assertThat(
            problems(
                EventTypes.ORDER_PLACED,
                Map.of(
                    "orderId", 1001.5,
                    "orderTotal", "cheap",
                    "consumable", "yes",
                    "replenishAfterDays", "30")))
        .containsExactly(
            "orderId must be a string or an integer",
            "orderTotal must be a number or a decimal string",
            "consumable must be true or false",
            "replenishAfterDays must be an integer");
    assertThat(problems(EventTypes.ORDER_PLACED, Map.of("replenishAfterDays", 1_000_000_000_000L)))
        .containsExactly("replenishAfterDays must be between 1 and 3650");
    assertThat(problems(EventTypes.ORDER_SHIPPED, Map.of("orderId", "  ", "carrier", 7)))
        .containsExactly("orderId must not be blank", "carrier must be a string");
    assertThat(problems(EventTypes.TICKET_OPENED, Map.of("tags", List.of("a", 1))))
        .containsExactly("tags must be an array of strings or a comma-separated string");
    assertThat(problems(EventTypes.ORDER_DELIVERED, Map.of("orderId", Map.of("id", 1))))
        .containsExactly("orderId must be a string or an integer");
  }

  @Test
  void namesAMissingRequiredField() {
    assertThat(EventPayloads.problems(EventTypes.TICKET_RESOLVED, Map.of("note", "done")))
        .containsExactly(new FieldProblem("ticketId", "is required"));
    assertThat(problems(EventTypes.BACK_IN_STOCK, Map.of("productName", "Mug")))
        .containsExactly("productId is required");
  }

  @Test
  void theWireShapeOfAnEventIsUnchanged() {
    // recorded histories hold events as these five fields; the typed accessors add none
    var converter = DefaultDataConverter.newDefaultInstance();
    var original = event(EventTypes.ORDER_PLACED, Map.of("orderId", 1001));
    var payload = converter.toPayload(original).orElseThrow();

    assertThat(payload.getData().toStringUtf8())
        .isEqualTo(
            "{\"eventId\":\"e-1\",\"customerId\":\"ada\",\"type\":\"order_placed\","
                + "\"occurredAt\":\"1970-01-01T00:00:00Z\",\"properties\":{\"orderId\":1001}}");
    assertThat(converter.fromPayload(payload, CustomerEvent.class, CustomerEvent.class))
        .isEqualTo(original);
  }

  private static String value(Field constant) {
    try {
      return (String) constant.get(null);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
