package dev.journeys.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journeys.catalog.JourneyCatalog;
import dev.journeys.event.CustomerEvent;
import dev.journeys.event.EventTypes;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Workflow ids of journeys enrolled per customer and per enrollment key. */
class JourneyDefinitionEnrollmentKeyTest {

  @Test
  void postPurchaseIsEnrolledPerOrder() {
    var journey = JourneyCatalog.POST_PURCHASE;

    assertThat(journey.workflowId(event(EventTypes.ORDER_PLACED, Map.of("orderId", "A-1"))))
        .isEqualTo("journey/post-purchase/ann/A-1");
    assertThat(journey.workflowId(event(EventTypes.ORDER_SHIPPED, Map.of("orderId", 42))))
        .isEqualTo("journey/post-purchase/ann/42");
    assertThat(journey.workflowId(event(EventTypes.ORDER_PLACED, Map.of())))
        .isEqualTo("journey/post-purchase/ann");
  }

  @Test
  void aJourneyWithoutKeyIgnoresTheProperty() {
    assertThat(
            JourneyCatalog.WIN_BACK.workflowId(
                event(EventTypes.ORDER_PLACED, Map.of("orderId", "A-1"))))
        .isEqualTo("journey/win-back/ann");
  }

  @Test
  void keepsTheKeyAcrossReentryAndTheReentryAcrossTheKey() {
    var journey =
        new JourneyDefinition("probe", "Probe", Set.of("a"), Set.of())
            .enrolledPer("orderId")
            .withReentry(Reentry.restart());

    assertThat(journey.enrollmentKey()).isEqualTo("orderId");
    assertThat(journey.reentry().policy()).isEqualTo(Reentry.restart().policy());
    assertThatThrownBy(() -> journey.enrolledPer(" ")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsValuesThatCannotBePartOfAWorkflowId() {
    assertThat(JourneyDefinition.invalidEnrollmentKey("A-1")).isNull();
    assertThat(JourneyDefinition.invalidEnrollmentKey(7)).isNull();
    assertThat(JourneyDefinition.invalidEnrollmentKey("a/b")).contains("/");
    assertThat(JourneyDefinition.invalidEnrollmentKey(" ")).contains("blank");
    assertThat(JourneyDefinition.invalidEnrollmentKey("x".repeat(201))).contains("200");
    assertThat(JourneyDefinition.invalidEnrollmentKey(Map.of())).contains("string or a number");
  }

  private static CustomerEvent event(String type, Map<String, Object> properties) {
    return new CustomerEvent("e-1", "ann", type, Instant.EPOCH, properties);
  }
}
