package dev.journeys.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.customer.Consent;
import dev.journeys.customer.ConsentStatus;
import dev.journeys.customer.Customer;
import dev.journeys.customer.CustomerProfiles;
import dev.journeys.ledger.LedgerStatus;
import dev.journeys.ledger.MessageLedger;
import dev.journeys.messaging.Channel;
import dev.journeys.messaging.SendActivities;
import dev.journeys.messaging.SendOutcome;
import dev.journeys.messaging.SendRequest;
import dev.journeys.messaging.Topic;
import dev.journeys.suppression.SuppressedAddress;
import dev.journeys.suppression.SuppressionList;
import dev.journeys.testsupport.ChannelTestApp;
import dev.journeys.testsupport.SendPathProviders;
import dev.journeys.testsupport.SmsProviderStub;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every send-time policy through the send activity, on real PostgreSQL with real SMTP and SMS
 * servers on loopback. Quiet hours are on (21:00 to 08:00); each customer lives in a UTC offset
 * chosen so that the test does not depend on the time of day it runs at.
 */
@SpringBootTest(classes = ChannelTestApp.class)
class SendPoliciesTest {

  @RegisterExtension static final SendPathProviders smtp = new SendPathProviders();

  static final SmsProviderStub sms = smtp.sms();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    smtp.register(registry);
    registry.add("journeys.policies.quiet-hours.enabled", () -> "true");
    registry.add("journeys.policies.quiet-hours.start", () -> "21:00");
    registry.add("journeys.policies.quiet-hours.end", () -> "08:00");
    registry.add("journeys.policies.frequency-caps[0].channel", () -> "EMAIL");
    registry.add("journeys.policies.frequency-caps[0].max", () -> "1");
    registry.add("journeys.policies.frequency-caps[0].window", () -> "24h");
    registry.add(
        "journeys.policies.transactional-limits[0].message-key", () -> "order-confirmation");
    registry.add("journeys.policies.transactional-limits[0].max", () -> "3");
    registry.add("journeys.policies.transactional-limits[0].window", () -> "1h");
    registry.add("journeys.unsubscribe.base-url", () -> "https://journeys.shop.test");
    registry.add("journeys.unsubscribe.secret", () -> "test-secret");
  }

  @Autowired SendActivities sends;
  @Autowired CustomerProfiles profiles;
  @Autowired MessageLedger ledger;
  @Autowired SuppressionList suppressions;

  @Test
  void aSuppressedAddressGetsNothingNotEvenTransactional() {
    customer("sue", localHour(12), null);
    suppressions.add(
        Channel.EMAIL, "SUE@shop.test", SuppressedAddress.Reason.hard_bounce, "test", null);

    var marketing = sends.send(email("sue", "k-sue-1", Topic.MARKETING));
    var receipt = sends.send(email("sue", "k-sue-2", Topic.TRANSACTIONAL));

    assertThat(marketing).isEqualTo(new SendOutcome.Suppressed("suppressed_address"));
    assertThat(receipt).isEqualTo(new SendOutcome.Suppressed("suppressed_address"));
    assertThat(ledger.find("k-sue-2").orElseThrow().reason()).isEqualTo("suppressed_address");

    suppressions.remove(Channel.EMAIL, "sue@shop.test");
    assertThat(sends.send(email("sue", "k-sue-3", Topic.TRANSACTIONAL)))
        .isInstanceOf(SendOutcome.Sent.class);
  }

  @Test
  void anOptOutThatCommitsBetweenTwoSendsStopsTheSecond() {
    customer("otto", localHour(12), null);
    assertThat(sends.send(email("otto", "k-otto-1", Topic.TRANSACTIONAL)))
        .isInstanceOf(SendOutcome.Sent.class);

    var profile = profiles.find("otto").orElseThrow();
    profiles.save(
        new Customer(
            "otto",
            profile.email(),
            profile.phone(),
            profile.timeZone(),
            "en",
            "Otto",
            Set.of(new Consent(Channel.SMS, Topic.MARKETING, ConsentStatus.DENIED, null, null)),
            null),
        "test");

    assertThat(sends.send(sms("otto", "k-otto-2", Topic.MARKETING)))
        .isEqualTo(new SendOutcome.Suppressed("opted_out"));
  }

  @Test
  void aFrequencyCapSuppressesTheNextPromotionalMessageButNotTransactionalOnes() {
    customer("cap", localHour(12), null);

    var first = sends.send(email("cap", "k-cap-1", Topic.MARKETING));
    var second = sends.send(email("cap", "k-cap-2", Topic.BACK_IN_STOCK));
    var receipt = sends.send(email("cap", "k-cap-3", Topic.TRANSACTIONAL));

    assertThat(first).isInstanceOf(SendOutcome.Sent.class);
    assertThat(second).isEqualTo(new SendOutcome.Suppressed("frequency_cap"));
    assertThat(receipt).isInstanceOf(SendOutcome.Sent.class);
  }

  @Test
  void aFloodOfOrderEventsSendsACustomerOnlyAsManyConfirmationsAsTheLimitAllows() {
    customer("flood", localHour(12), null);
    customer("calm", localHour(12), null);

    List<SendOutcome> outcomes = new ArrayList<>();
    for (int order = 1; order <= 8; order++) {
      outcomes.add(sends.send(confirmation("flood", "k-flood-" + order)));
    }
    var otherCustomer = sends.send(confirmation("calm", "k-calm-1"));
    var otherMessage = sends.send(email("flood", "k-flood-cart", Topic.TRANSACTIONAL));
    var retryOfASentOne = sends.send(confirmation("flood", "k-flood-1"));

    assertThat(outcomes).filteredOn(o -> o instanceof SendOutcome.Sent).hasSize(3);
    assertThat(outcomes.subList(3, 8))
        .containsOnly(new SendOutcome.Suppressed(PolicyGate.TRANSACTIONAL_LIMIT));
    var suppressed = ledger.find("k-flood-8").orElseThrow();
    assertThat(suppressed.status()).isEqualTo(LedgerStatus.SUPPRESSED);
    assertThat(suppressed.reason()).isEqualTo("transactional_limit");
    assertThat(smtp.getReceivedMessages())
        .filteredOn(m -> to(m).equals("flood@shop.test"))
        .hasSize(4);
    assertThat(otherCustomer).isInstanceOf(SendOutcome.Sent.class);
    assertThat(otherMessage).isInstanceOf(SendOutcome.Sent.class);
    assertThat(retryOfASentOne).isInstanceOf(SendOutcome.Sent.class);
  }

  @Test
  void twoJourneysRacingForTheLastSlotNeverBothSend() throws Exception {
    int customers = 12;
    for (int i = 0; i < customers; i++) {
      customer("race" + i, localHour(12), null);
    }
    var pool = Executors.newFixedThreadPool(customers * 2);
    try {
      var start = new CountDownLatch(1);
      List<Future<SendOutcome>> results = new ArrayList<>();
      for (int i = 0; i < customers; i++) {
        for (String journey : List.of("a", "b")) {
          var request = email("race" + i, "k-race" + i + "-" + journey, Topic.MARKETING);
          results.add(
              pool.submit(
                  () -> {
                    start.await();
                    return sends.send(request);
                  }));
        }
      }
      start.countDown();
      for (int i = 0; i < customers; i++) {
        var a = results.get(2 * i).get();
        var b = results.get(2 * i + 1).get();
        assertThat(List.of(a, b))
            .as("customer race%d", i)
            .filteredOn(o -> o instanceof SendOutcome.Sent)
            .hasSize(1);
        assertThat(List.of(a, b)).contains(new SendOutcome.Suppressed("frequency_cap"));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void defersMarketingInQuietHoursAndRecordsUntilWhen() {
    ZoneOffset threeAm = localHour(3);
    customer("night", threeAm, null);
    Instant expected = nextLocal(LocalTime.of(8, 0), threeAm);

    var outcome = sends.send(email("night", "k-night-1", Topic.MARKETING));

    assertThat(outcome).isEqualTo(new SendOutcome.Deferred(expected, "quiet_hours"));
    var entry = ledger.find("k-night-1").orElseThrow();
    assertThat(entry.status()).isEqualTo(LedgerStatus.DEFERRED);
    assertThat(entry.deferredUntil()).isEqualTo(expected);
    assertThat(smtp.getReceivedMessages()).noneMatch(m -> to(m).equals("night@shop.test"));
    // transactional messages bypass quiet hours by default
    assertThat(sends.send(email("night", "k-night-2", Topic.TRANSACTIONAL)))
        .isInstanceOf(SendOutcome.Sent.class);
  }

  @Test
  void aSendPastItsDeadlineOrDeferredPastItIsExpired() {
    customer("late", localHour(12), null);
    customer("later", localHour(3), null);

    var past = email("late", "k-late-1", Topic.MARKETING, Instant.now().minusSeconds(1));
    var beforeMorning =
        email("later", "k-later-1", Topic.MARKETING, Instant.now().plus(Duration.ofMinutes(30)));

    assertThat(sends.send(past)).isEqualTo(new SendOutcome.Suppressed("expired"));
    assertThat(sends.send(beforeMorning)).isEqualTo(new SendOutcome.Suppressed("expired"));
    assertThat(ledger.find("k-later-1").orElseThrow().reason()).isEqualTo("expired");
  }

  @Test
  void floridaAllowsThreePromotionalSmsPerDay() {
    customer("flo", localHour(12), "US-FL");

    List<SendOutcome> outcomes = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      outcomes.add(sends.send(sms("flo", "k-flo-" + i, Topic.MARKETING)));
    }

    assertThat(outcomes.subList(0, 3)).allMatch(o -> o instanceof SendOutcome.Sent);
    assertThat(outcomes.get(3)).isEqualTo(new SendOutcome.Suppressed("frequency_cap"));
  }

  @Test
  void defersSmsOutsideTheContactWindowOfTheCustomersState() {
    ZoneOffset eightPm = localHour(20);
    customer("eve", eightPm, "US-FL");

    var outcome = sends.send(sms("eve", "k-eve-1", Topic.MARKETING));

    assertThat(outcome)
        .isEqualTo(
            new SendOutcome.Deferred(nextLocal(LocalTime.of(8, 0), eightPm), "contact_window"));
  }

  @Test
  void marketingEmailCarriesOneClickUnsubscribeHeadersAndTransactionalDoesNot() throws Exception {
    customer("una", localHour(12), null);

    sends.send(email("una", "k-una-1", Topic.MARKETING));
    sends.send(email("una", "k-una-2", Topic.TRANSACTIONAL));

    var mails =
        java.util.Arrays.stream(smtp.getReceivedMessages())
            .filter(m -> to(m).equals("una@shop.test"))
            .toList();
    assertThat(mails).hasSize(2);
    String listUnsubscribe = mails.get(0).getHeader("List-Unsubscribe", null);
    assertThat(listUnsubscribe)
        .matches(
            "<https://journeys\\.shop\\.test/v1/unsubscribe\\?token=[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+>");
    assertThat(mails.get(0).getHeader("List-Unsubscribe-Post", null))
        .isEqualTo("List-Unsubscribe=One-Click");
    assertThat(mails.get(1).getHeader("List-Unsubscribe")).isNull();
  }

  /** The UTC offset in which it is now {@code hour} o'clock (to the minute of now in UTC). */
  private static ZoneOffset localHour(int hour) {
    int utcHour = ZonedDateTime.now(ZoneOffset.UTC).getHour();
    int offset = Math.floorMod(hour - utcHour + 12, 24) - 12;
    return ZoneOffset.ofHours(offset);
  }

  private static Instant nextLocal(LocalTime time, ZoneOffset offset) {
    var now = ZonedDateTime.now(offset);
    var today = ZonedDateTime.of(LocalDate.from(now), time, offset);
    return (today.isAfter(now) ? today : today.plusDays(1)).toInstant();
  }

  private void customer(String id, ZoneOffset zone, String region) {
    profiles.save(
        new Customer(
                id,
                id + "@shop.test",
                "+1555" + String.format("%07d", Math.abs(id.hashCode()) % 10_000_000),
                zone.getId(),
                "en",
                id,
                Set.of(
                    new Consent(Channel.EMAIL, Topic.MARKETING, ConsentStatus.GRANTED, null, null),
                    new Consent(Channel.SMS, Topic.MARKETING, ConsentStatus.GRANTED, null, null)),
                null)
            .withRegion(region),
        "test");
  }

  private static SendRequest email(String customer, String key, Topic topic) {
    return email(customer, key, topic, null);
  }

  private static SendRequest email(String customer, String key, Topic topic, Instant expiresAt) {
    return new SendRequest(
        key,
        customer,
        "test",
        "cart-reminder",
        Channel.EMAIL,
        topic,
        "cart-reminder",
        Map.of("cartTotal", "1.00"),
        expiresAt);
  }

  private static SendRequest confirmation(String customer, String key) {
    return new SendRequest(
        key,
        customer,
        "post-purchase",
        "order-confirmation",
        Channel.EMAIL,
        Topic.TRANSACTIONAL,
        "order-confirmation",
        Map.of("orderId", key));
  }

  private static SendRequest sms(String customer, String key, Topic topic) {
    return new SendRequest(
        key,
        customer,
        "test",
        "cart-last-call",
        Channel.SMS,
        topic,
        "cart-last-call",
        Map.of("cartTotal", "1.00"));
  }

  private static String to(jakarta.mail.internet.MimeMessage m) {
    try {
      return m.getAllRecipients()[0].toString();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
