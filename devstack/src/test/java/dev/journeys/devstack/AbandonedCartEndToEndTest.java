package dev.journeys.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole system as a user runs it: the real Temporal dev server binary, real PostgreSQL, an SMTP
 * server and a Twilio-shaped SMS server on loopback, the worker and the API; driven over HTTP only.
 * The journey's waits are shortened through configuration.
 */
class AbandonedCartEndToEndTest {

  private static final Duration REMINDER_DELAY = Duration.ofSeconds(2);
  private static final Duration LAST_CALL_DELAY = Duration.ofSeconds(3);

  private static RunningStack stack;

  private final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  static void startTheSystem() {
    stack =
        RunningStack.start(
            api -> {},
            (worker, apiUrl) -> {
              worker.put("journeys.abandoned-cart.reminder-delay", REMINDER_DELAY.toString());
              worker.put("journeys.abandoned-cart.last-call-delay", LAST_CALL_DELAY.toString());
              // the journey listens for an order this long after its last call before completing
              worker.put("journeys.abandoned-cart.attribution-window", "PT2S");
              // everyone in the SMS arm of the last-call experiment, nobody held out
              worker.put("journeys.abandoned-cart.email-last-call-weight", "0");
              worker.put("journeys.abandoned-cart.holdout-percent", "0");
            });
  }

  @AfterAll
  static void stopTheSystem() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void remindsByEmailThenSmsAndExplainsItInTheLedger() throws Exception {
    stack.putCustomer("ada", "ada@shop.test", "+15551234567");

    var accepted = stack.postEvent("e2e-ada-cart", "ada", "cart_abandoned");
    assertThat(accepted.statusCode()).isEqualTo(202);

    MimeMessage reminder =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> stack.mailTo("ada@shop.test"), mails -> !mails.isEmpty())
            .getFirst();
    assertThat(reminder.getSubject()).isEqualTo("Ada, your cart is waiting");

    var lastCall =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> stack.smsTo("+15551234567"), messages -> !messages.isEmpty())
            .getFirst();
    assertThat(lastCall.body()).contains("last call").contains("59.90");

    // the ledger explains both sends, over the API and in PostgreSQL itself; the provider may
    // answer a moment before the worker records SENT, so wait for the ledger to settle
    JsonNode timeline =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> json.readTree(stack.get("/v1/customers/ada/messages").body()),
                t ->
                    t.size() == 2
                        && t.findValuesAsText("status").stream().allMatch("SENT"::equals));
    assertThat(timeline.findValuesAsText("messageKey"))
        .containsExactlyInAnyOrder("cart-reminder", "cart-last-call");
    assertThat(stack.ledgerRows("ada")).isEqualTo(2);
    assertThat(reminder.getMessageID())
        .isEqualTo(
            timeline.findValues("providerMessageId").stream()
                .map(JsonNode::asText)
                .filter(id -> id.startsWith("<"))
                .findFirst()
                .orElseThrow());

    // ops find the journey by its search attributes, with its outcome
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        stack
                            .temporalClient()
                            .listExecutions(
                                "CustomerId = 'ada' AND Journey = 'abandoned-cart'"
                                    + " AND JourneyOutcome = 'COMPLETED'")
                            .toList())
                    .hasSize(1));
  }

  @Test
  void anOrderEndsTheJourneyAsConvertedAndNothingIsSent() throws Exception {
    stack.putCustomer("bob", "bob@shop.test", "+15557654321");

    stack.postEvent("e2e-bob-cart", "bob", "cart_abandoned");
    var order = stack.postEvent("e2e-bob-order", "bob", "order_placed");
    assertThat(json.readTree(order.body()).at("/results/0/journeys/0/action").asText())
        .isEqualTo("signalled");

    stack.awaitCompleted("journey/abandoned-cart/bob", Duration.ofSeconds(30));
    assertThat(
            stack
                .temporalClient()
                .newUntypedWorkflowStub("journey/abandoned-cart/bob")
                .getResult(String.class))
        .isEqualTo("CONVERTED");
    // for the reminder delay and a second more, no cart message goes out (the order itself starts
    // the post-purchase journey, whose order confirmation is the only mail bob gets)
    await()
        .during(REMINDER_DELAY.plusSeconds(1))
        .atMost(REMINDER_DELAY.plusSeconds(15))
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () -> {
              assertThat(stack.mailTo("bob@shop.test"))
                  .extracting(MimeMessage::getSubject)
                  .allMatch(subject -> !subject.toLowerCase().contains("cart"));
              assertThat(stack.smsTo("+15557654321")).isEmpty();
              assertThat(stack.ledgerRows("bob", "cart-%")).isZero();
            });
  }

  @Test
  void aRepeatedEventIsIgnored() throws Exception {
    stack.putCustomer("cy", "cy@shop.test", null);
    stack.postEvent("e2e-cy-cart", "cy", "cart_abandoned");
    var again = stack.postEvent("e2e-cy-cart", "cy", "cart_abandoned");

    assertThat(json.readTree(again.body()).at("/results/0/status").asText()).isEqualTo("duplicate");
  }
}
