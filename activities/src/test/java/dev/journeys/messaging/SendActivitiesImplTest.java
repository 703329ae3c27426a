package dev.journeys.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.customer.ConsentStatus;
import dev.journeys.customer.CustomerProfiles;
import dev.journeys.ledger.LedgerStatus;
import dev.journeys.ledger.MessageLedger;
import dev.journeys.testsupport.CartSendFixtures;
import dev.journeys.testsupport.ChannelTestApp;
import dev.journeys.testsupport.SendPathProviders;
import dev.journeys.testsupport.SmsProviderStub;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The send activity against real PostgreSQL, a real SMTP server and a Twilio-shaped HTTP server,
 * all on loopback.
 */
@SpringBootTest(classes = ChannelTestApp.class)
class SendActivitiesImplTest {

  @RegisterExtension static final SendPathProviders smtp = new SendPathProviders();

  static final SmsProviderStub sms = smtp.sms();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    smtp.register(registry);
  }

  @Autowired SendActivities sends;
  @Autowired CustomerProfiles profiles;
  @Autowired MessageLedger ledger;

  @Test
  void sendsAnEmailAndRecordsItInTheLedger() throws Exception {
    customer("ada", "ada@shop.test", null, ConsentStatus.GRANTED);

    var outcome = sends.send(request("ada", "k-ada-1", Channel.EMAIL));

    assertThat(outcome).isInstanceOf(SendOutcome.Sent.class);
    MimeMessage[] mails = smtp.getReceivedMessages();
    assertThat(mails).hasSize(1);
    assertThat(mails[0].getAllRecipients()[0].toString()).isEqualTo("ada@shop.test");
    assertThat(mails[0].getSubject()).isEqualTo("Ada, your cart is waiting");
    assertThat(mails[0].getContentType()).startsWith("multipart/");
    var entry = ledger.find("k-ada-1").orElseThrow();
    assertThat(entry.status()).isEqualTo(LedgerStatus.SENT);
    assertThat(entry.providerMessageId()).isEqualTo(mails[0].getMessageID());
  }

  @Test
  void aRetriedSendReturnsTheRecordedOutcomeWithoutSendingAgain() {
    customer("bob", "bob@shop.test", null, ConsentStatus.GRANTED);

    var first = sends.send(request("bob", "k-bob-1", Channel.EMAIL));
    var retry = sends.send(request("bob", "k-bob-1", Channel.EMAIL));

    assertThat(retry).isEqualTo(first);
    assertThat(smtp.getReceivedMessages()).hasSize(1);
  }

  @Test
  void suppressesMarketingWithoutConsentAndSaysWhy() {
    customer("cy", "cy@shop.test", null, ConsentStatus.DENIED);

    var outcome = sends.send(request("cy", "k-cy-1", Channel.EMAIL));

    assertThat(outcome).isEqualTo(new SendOutcome.Suppressed("opted_out"));
    assertThat(smtp.getReceivedMessages()).isEmpty();
    assertThat(ledger.find("k-cy-1").orElseThrow().status()).isEqualTo(LedgerStatus.SUPPRESSED);
  }

  @Test
  void suppressesSmsWhenTheCustomerHasNoPhone() {
    customer("dee", "dee@shop.test", null, ConsentStatus.GRANTED);

    var outcome = sends.send(request("dee", "k-dee-1", Channel.SMS));

    assertThat(outcome).isEqualTo(new SendOutcome.Suppressed("no_address"));
    assertThat(ledger.find("k-dee-1").orElseThrow().reason()).isEqualTo("no_address");
  }

  @Test
  void sendsSmsInTheProvidersWireFormat() {
    customer("eve", "eve@shop.test", "+15551234567", ConsentStatus.GRANTED);
    int before = sms.received().size();

    var outcome = sends.send(request("eve", "k-eve-1", Channel.SMS));

    assertThat(outcome).isInstanceOf(SendOutcome.Sent.class);
    var call = sms.received().get(before);
    assertThat(call.method()).isEqualTo("POST");
    assertThat(call.path())
        .isEqualTo("/2010-04-01/Accounts/" + SmsProviderStub.ACCOUNT_SID + "/Messages.json");
    assertThat(call.headers().get("authorization"))
        .isEqualTo(
            "Basic "
                + java.util.Base64.getEncoder()
                    .encodeToString(
                        (SmsProviderStub.ACCOUNT_SID + ":" + SmsProviderStub.AUTH_TOKEN)
                            .getBytes()));
    // Twilio's Messages API honours no idempotency header: none is sent that would suggest it
    assertThat(call.headers()).doesNotContainKey("i-twilio-idempotency-token");
    assertThat(call.form())
        .containsEntry("To", "+15551234567")
        .containsEntry("From", "+15550000000")
        .containsEntry(
            "Body", "Eve, last call: your cart (59.90) is waiting. Reply STOP to opt out.");
    assertThat(((SendOutcome.Sent) outcome).providerMessageId()).startsWith("SM");
  }

  @Test
  void aProviderRefusalFailsTheSendForGoodWithItsReason() {
    customer("fay", "fay@shop.test", "+15557654321", ConsentStatus.GRANTED);
    sms.answer(call -> 400);
    try {
      var outcome = sends.send(request("fay", "k-fay-1", Channel.SMS));

      assertThat(outcome).isEqualTo(new SendOutcome.Failed(Channel.SMS, "provider_rejected"));
      assertThat(ledger.find("k-fay-1").orElseThrow().status()).isEqualTo(LedgerStatus.FAILED);
    } finally {
      sms.answer(call -> 201);
    }
  }

  @Test
  void recordsTheTemplateVersionAndLocaleInTheLedger() {
    customer("gil", "gil@shop.test", null, ConsentStatus.GRANTED);

    sends.send(request("gil", "k-gil-1", Channel.EMAIL));

    var entry = ledger.find("k-gil-1").orElseThrow();
    assertThat(entry.templateVersion()).isEqualTo(1);
    assertThat(entry.templateLocale()).isEqualTo("en");
  }

  @Test
  void anUnknownCustomerIsSuppressedNotFailed() {
    var outcome = sends.send(request("nobody", "k-nobody", Channel.EMAIL));
    assertThat(outcome).isEqualTo(new SendOutcome.Suppressed("no_profile"));
  }

  private void customer(String id, String email, String phone, ConsentStatus marketing) {
    CartSendFixtures.customer(profiles, id, email, phone, marketing);
  }

  private static SendRequest request(String customer, String key, Channel channel) {
    return CartSendFixtures.cartRequest(customer, key, channel);
  }
}
