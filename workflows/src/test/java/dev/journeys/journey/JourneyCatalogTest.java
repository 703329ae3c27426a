package dev.journeys.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journeys.catalog.JourneyCatalog;
import dev.journeys.event.EventTypes;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The catalog is the journeys' own definitions, and routes as the hand-kept one did. */
class JourneyCatalogTest {

  /** The built-in journeys route as the catalog did before each declared its own definition. */
  @Test
  void routesAsBefore() {
    record Routing(
        String name,
        String workflowType,
        Set<String> triggers,
        Set<String> listensTo,
        Reentry reentry,
        String enrollmentKey) {}

    var routing =
        JourneyCatalog.all().stream()
            .map(
                j ->
                    new Routing(
                        j.name(),
                        j.workflowType(),
                        j.triggers(),
                        j.listensTo(),
                        j.reentry(),
                        j.enrollmentKey()))
            .toList();

    var ignore = Reentry.ignoreWhileRunning();
    // a new journey adds a definition; the built-in ones must route exactly as before
    assertThat(routing)
        .contains(
            new Routing(
                "abandoned-cart",
                "AbandonedCart",
                Set.of(EventTypes.CART_ABANDONED),
                Set.of(EventTypes.ORDER_PLACED),
                // since issue 9: a new cart while one runs updates it (the newest cart is shown)
                Reentry.update(),
                null),
            new Routing(
                "welcome-series",
                "WelcomeSeries",
                Set.of(EventTypes.CUSTOMER_SIGNED_UP),
                Set.of(EventTypes.ORDER_PLACED, EventTypes.UNSUBSCRIBED),
                ignore,
                null),
            new Routing(
                "post-purchase",
                "PostPurchase",
                Set.of(EventTypes.ORDER_PLACED),
                Set.of(EventTypes.ORDER_SHIPPED, EventTypes.ORDER_DELIVERED),
                ignore,
                "orderId"),
            new Routing(
                "win-back",
                "WinBack",
                Set.of(EventTypes.ORDER_PLACED),
                Set.of(EventTypes.UNSUBSCRIBED),
                ignore,
                null),
            new Routing(
                "delivery-delayed",
                "DeliveryDelayed",
                Set.of(EventTypes.DELIVERY_DELAYED),
                Set.of(
                    EventTypes.TICKET_OPENED,
                    EventTypes.TICKET_RESOLVED,
                    EventTypes.ORDER_DELIVERED),
                ignore,
                // per order since issue 9: a second delayed order gets its own handling
                "orderId"),
            new Routing(
                "support-escalation",
                "SupportEscalation",
                Set.of(EventTypes.TICKET_OPENED),
                Set.of(EventTypes.TICKET_RESOLVED),
                ignore,
                // per ticket since issue 9: a complaint during a routine ticket's grace period too
                "ticketId"),
            new Routing("back-in-stock", "BackInStock", Set.of(), Set.of(), ignore, null));
  }

  @Test
  void namesAndWorkflowTypesAreUnique() {
    var names = JourneyCatalog.all().stream().map(JourneyDefinition::name).toList();
    var types =
        JourneyCatalog.all().stream()
            .flatMap(j -> j.workflows().stream())
            .map(JourneyWorkflow::workflowType)
            .toList();

    assertThat(names).doesNotHaveDuplicates();
    assertThat(types).doesNotHaveDuplicates().contains("BackInStockFanOut");
  }

  @Test
  void theWorkflowTypeIsReadFromTheInterface() {
    var definition =
        JourneyDefinition.named("probe")
            .triggeredBy("probe_started")
            .runs(JourneyWorkflow.of(ProbeJourney.class, () -> null))
            .build();

    assertThat(definition.workflowType()).isEqualTo("Probe");
    assertThat(definition.workflowInterface()).isEqualTo(ProbeJourney.class);
  }

  @Test
  void aDefinitionNeedsAWorkflowAndAUsableName() {
    assertThatThrownBy(() -> JourneyDefinition.named("probe").build())
        .hasMessageContaining("runs no workflow");
    assertThatThrownBy(() -> JourneyDefinition.named("Probe Journey"))
        .hasMessageContaining("lower-case");
    assertThatThrownBy(() -> JourneyWorkflow.of(Runnable.class, () -> () -> {}))
        .hasMessageContaining("no @WorkflowMethod");
  }

  @Test
  void settingsNeedAPrefixAndDefaults() {
    assertThatThrownBy(
            () -> new JourneyWorkflow<>(ProbeJourney.class, "journeys.probe", null, s -> null))
        .hasMessageContaining("both");
    assertThat(List.of(JourneyCatalog.ABANDONED_CART.workflows().getFirst().settingsPrefix()))
        .containsExactly("journeys.abandoned-cart");
  }
}
