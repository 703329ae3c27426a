package dev.journeys.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.journeys.activities.ChannelConfiguration;
import dev.journeys.customer.ConsentStatus;
import dev.journeys.customer.CustomerProfiles;
import dev.journeys.ledger.LedgerStatus;
import dev.journeys.ledger.MessageLedger;
import dev.journeys.testsupport.CartSendFixtures;
import dev.journeys.testsupport.SmsProviderStub;
import dev.journeys.testsupport.TestDatabase;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A message withheld from an experiment's hold-out group, through the send activity against real
 * PostgreSQL, a real SMTP server and a Twilio-shaped HTTP server on loopback: it lands in the
 * ledger as suppressed with reason {@code holdout}, and no provider hears of it.
 */
@SpringBootTest(classes = HoldoutSendTest.TestApp.class)
class HoldoutSendTest {

  @RegisterExtension
  static GreenMailExtension smtp =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

  static final SmsProviderStub sms = new SmsProviderStub();

  @SpringBootConfiguration
  @EnableAutoConfiguration
  @Import(ChannelConfiguration.class)
  static class TestApp {}

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry);
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
    registry.add("journeys.channels.email.from", () -> "Shop <shop@journeys.test>");
    registry.add("journeys.channels.email.message-id-domain", () -> "journeys.test");
    registry.add("journeys.channels.sms.base-url", () -> sms.baseUrl().toString());
    registry.add("journeys.channels.sms.account-sid", () -> SmsProviderStub.ACCOUNT_SID);
    registry.add("journeys.channels.sms.auth-token", () -> SmsProviderStub.AUTH_TOKEN);
    registry.add("journeys.channels.sms.from", () -> "+15550000000");
    // the control send must not depend on the time of day the build runs at
    registry.add("journeys.policies.quiet-hours.enabled", () -> "false");
  }

  @AfterAll
  static void stopSms() {
    sms.close();
  }

  @Autowired SendActivities sends;
  @Autowired CustomerProfiles profiles;
  @Autowired MessageLedger ledger;

  @Test
  void recordsTheWithheldMessageAsSuppressedForHoldoutWithoutCallingAProvider() {
    customer("hal", "hal@shop.test", "+15551230001", ConsentStatus.GRANTED);

    var outcome = sends.send(request("hal", "k-hal-1", Channel.EMAIL).heldOut());

    assertThat(outcome).isEqualTo(new SendOutcome.Suppressed("holdout"));
    var entry = ledger.find("k-hal-1").orElseThrow();
    assertThat(entry.status()).isEqualTo(LedgerStatus.SUPPRESSED);
    assertThat(entry.reason()).isEqualTo("holdout");
    assertThat(entry.channel()).isEqualTo(Channel.EMAIL);
    assertThat(entry.journey()).isEqualTo("abandoned-cart");
    assertThat(entry.messageKey()).isEqualTo("cart-reminder");
    assertThat(entry.recipient()).isNull();
    assertThat(mailsTo("hal@shop.test")).isZero();
  }

  @Test
  void withholdsAnSmsWithoutCallingTheSmsProvider() {
    customer("ida", "ida@shop.test", "+15551230002", ConsentStatus.GRANTED);
    int before = sms.received().size();

    var outcome = sends.send(request("ida", "k-ida-1", Channel.SMS).heldOut());

    assertThat(outcome).isEqualTo(new SendOutcome.Suppressed("holdout"));
    assertThat(ledger.find("k-ida-1").orElseThrow().reason()).isEqualTo("holdout");
    assertThat(sms.received()).hasSize(before);
  }

  @Test
  void theSameMessageToACustomerNotHeldOutIsSent() {
    // the control: with this stack and profile, a send does reach the provider
    customer("jo", "jo@shop.test", "+15551230003", ConsentStatus.GRANTED);

    var outcome = sends.send(request("jo", "k-jo-1", Channel.EMAIL));

    assertThat(outcome).isInstanceOf(SendOutcome.Sent.class);
    assertThat(mailsTo("jo@shop.test")).isEqualTo(1);
  }

  @Test
  void aRetriedHoldBackReturnsTheRecordedOutcomeAndKeepsOneRow() {
    customer("kim", "kim@shop.test", null, ConsentStatus.GRANTED);

    var first = sends.send(request("kim", "k-kim-1", Channel.EMAIL).heldOut());
    var retry = sends.send(request("kim", "k-kim-1", Channel.EMAIL).heldOut());

    assertThat(retry).isEqualTo(first);
    assertThat(ledger.forCustomer("kim", 10)).hasSize(1);
  }

  @Test
  void policyIsNotAskedForAHeldOutMessage() {
    // opted out, and no profile at all: the reason is still the hold-out, the journey's choice
    customer("lu", "lu@shop.test", null, ConsentStatus.DENIED);

    var optedOut = sends.send(request("lu", "k-lu-1", Channel.EMAIL).heldOut());
    var unknown = sends.send(request("nobody", "k-nobody-1", Channel.EMAIL).heldOut());

    assertThat(optedOut).isEqualTo(new SendOutcome.Suppressed("holdout"));
    assertThat(unknown).isEqualTo(new SendOutcome.Suppressed("holdout"));
    assertThat(ledger.find("k-nobody-1").orElseThrow().reason()).isEqualTo("holdout");
  }

  private long mailsTo(String address) {
    return Arrays.stream(smtp.getReceivedMessages())
        .filter(
            m -> {
              try {
                return m.getAllRecipients()[0].toString().equals(address);
              } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
              }
            })
        .count();
  }

  private void customer(String id, String email, String phone, ConsentStatus marketing) {
    CartSendFixtures.customer(profiles, id, email, phone, marketing);
  }

  private static SendRequest request(String customer, String key, Channel channel) {
    return CartSendFixtures.cartRequest(customer, key, channel);
  }
}
