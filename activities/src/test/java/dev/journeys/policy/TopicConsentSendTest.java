package dev.journeys.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.customer.Consent;
import dev.journeys.customer.ConsentChange;
import dev.journeys.customer.ConsentStatus;
import dev.journeys.customer.Customer;
import dev.journeys.customer.CustomerProfiles;
import dev.journeys.messaging.Channel;
import dev.journeys.messaging.SendActivities;
import dev.journeys.messaging.SendOutcome;
import dev.journeys.messaging.SendRequest;
import dev.journeys.messaging.Topic;
import dev.journeys.testsupport.ChannelTestApp;
import dev.journeys.testsupport.SendPathProviders;
import dev.journeys.testsupport.SmsProviderStub;
import dev.journeys.unsubscribe.UnsubscribeLinks;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Review requests and back-in-stock notices are sent under their own topics (REVIEWS,
 * BACK_IN_STOCK): through the send activity, a customer's consent to one topic reaches exactly that
 * topic, and the one-click link in a message opts out of the message's topic only.
 */
@SpringBootTest(classes = ChannelTestApp.class)
class TopicConsentSendTest {

  @RegisterExtension static final SendPathProviders smtp = new SendPathProviders();

  static final SmsProviderStub sms = smtp.sms();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    smtp.register(registry);
    registry.add("journeys.unsubscribe.base-url", () -> "https://journeys.shop.test");
    registry.add("journeys.unsubscribe.secret", () -> "test-secret");
  }

  @Autowired SendActivities sends;
  @Autowired CustomerProfiles profiles;
  @Autowired UnsubscribeLinks links;

  @Test
  void aCustomerWhoGrantedOnlyBackInStockGetsItAndNoOtherPromotion() {
    customer(
        "bis", new Consent(Channel.EMAIL, Topic.BACK_IN_STOCK, ConsentStatus.GRANTED, null, null));

    assertThat(sends.send(email("bis", "k-bis-1", Topic.BACK_IN_STOCK)))
        .isInstanceOf(SendOutcome.Sent.class);
    assertThat(sends.send(email("bis", "k-bis-2", Topic.REVIEWS)))
        .isEqualTo(new SendOutcome.Suppressed("opted_out"));
    assertThat(sends.send(email("bis", "k-bis-3", Topic.MARKETING)))
        .isEqualTo(new SendOutcome.Suppressed("opted_out"));
  }

  @Test
  void aReviewRequestsUnsubscribeLinkIsForReviewsAndStopsOnlyThem() throws Exception {
    customer("rev", new Consent(Channel.EMAIL, Topic.MARKETING, ConsentStatus.GRANTED, null, null));

    assertThat(sends.send(email("rev", "k-rev-1", Topic.REVIEWS)))
        .isInstanceOf(SendOutcome.Sent.class);
    String header = mailTo("rev@shop.test").getHeader("List-Unsubscribe", null);
    String token = header.substring(header.indexOf("token=") + 6, header.length() - 1);
    var unsubscribe = links.verify(token).orElseThrow();
    assertThat(unsubscribe.topic()).isEqualTo(Topic.REVIEWS);
    assertThat(unsubscribe.channel()).isEqualTo(Channel.EMAIL);
    // what the API does when the link is clicked
    profiles.changeConsents(
        "rev",
        List.of(
            new ConsentChange(unsubscribe.channel(), unsubscribe.topic(), ConsentStatus.DENIED)),
        "unsubscribe-link");

    assertThat(sends.send(email("rev", "k-rev-2", Topic.REVIEWS)))
        .isEqualTo(new SendOutcome.Suppressed("opted_out"));
    assertThat(sends.send(email("rev", "k-rev-3", Topic.BACK_IN_STOCK)))
        .isInstanceOf(SendOutcome.Sent.class);
  }

  private MimeMessage mailTo(String address) {
    return Arrays.stream(smtp.getReceivedMessages())
        .filter(
            m -> {
              try {
                return m.getAllRecipients()[0].toString().equals(address);
              } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
              }
            })
        .findFirst()
        .orElseThrow();
  }

  private void customer(String id, Consent consent) {
    profiles.save(
        new Customer(id, id + "@shop.test", null, "UTC", "en", id, Set.of(consent), null), "test");
  }

  private static SendRequest email(String customer, String key, Topic topic) {
    return new SendRequest(
        key,
        customer,
        "test",
        "cart-reminder",
        Channel.EMAIL,
        topic,
        "cart-reminder",
        Map.of("cartTotal", "1.00"));
  }
}
