package dev.journeys.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.journeys.customer.ConsentChange;
import dev.journeys.customer.ConsentStatus;
import dev.journeys.customer.CustomerProfiles;
import dev.journeys.ledger.LedgerStatus;
import dev.journeys.ledger.MessageLedger;
import dev.journeys.ledger.MessageLedger.Decision;
import dev.journeys.suppression.SuppressedAddress;
import dev.journeys.suppression.SuppressionList;
import dev.journeys.testsupport.CartSendFixtures;
import dev.journeys.testsupport.ChannelTestApp;
import dev.journeys.testsupport.SendPathProviders;
import dev.journeys.testsupport.SmsProviderStub;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Retries of a send: once allowed, a send is completed under its own key or given up as UNCERTAIN,
 * never decided again, and never two attempts at the provider at once. Real PostgreSQL and a
 * Twilio-shaped provider on loopback that can be made slow, mute or unavailable per call.
 */
@SpringBootTest(classes = ChannelTestApp.class)
class SendRetryTest {

  @RegisterExtension static final SendPathProviders smtp = new SendPathProviders();

  static final SmsProviderStub sms = smtp.sms();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    smtp.register(registry);
    // a provider that does not answer within 2 s gave no answer
    registry.add("journeys.channels.sms.timeout", () -> "2s");
    registry.add("journeys.policies.frequency-caps", () -> "");
  }

  @AfterEach
  void answerNormally() {
    sms.answer(call -> 201);
  }

  @Autowired SendActivities sends;
  @Autowired CustomerProfiles profiles;
  @Autowired MessageLedger ledger;
  @Autowired SuppressionList suppressions;
  @Autowired JdbcClient jdbc;

  @Test
  void aTransactionalRetryAfterNoAnswerSendsAgainWithTheSameKeyWithoutDecidingAgain() {
    customer("tara", "+15550001001");
    var request = sms("tara", "k-tara", Topic.TRANSACTIONAL);
    int before = sms.received().size();
    sms.answer(call -> call == 1 + before ? mute(2_500) : 201);

    var noAnswer = catchThrowableOfType(ApplicationFailure.class, () -> sends.send(request));
    // meanwhile the number lands on the suppression list: a new decision would suppress the retry
    suppressions.add(
        Channel.SMS, "+15550001001", SuppressedAddress.Reason.operator, "test", "after send");
    var retry = sends.send(request);

    assertThat(noAnswer.isNonRetryable()).isFalse();
    assertThat(retry).isInstanceOf(SendOutcome.Sent.class);
    var calls = sms.received().subList(before, sms.received().size());
    assertThat(calls).hasSize(2);
    assertThat(calls.get(1).form()).isEqualTo(calls.get(0).form());
    var entry = ledger.find("k-tara").orElseThrow();
    assertThat(entry.status()).isEqualTo(LedgerStatus.SENT);
    assertThat(entry.attempts()).isEqualTo(2);
  }

  @Test
  void aMarketingSendWithoutAnAnswerIsUncertainAndNeverSentAgain() {
    customer("mona", "+15550001002");
    var request = sms("mona", "k-mona", Topic.MARKETING);
    int before = sms.received().size();
    sms.answer(call -> call == 1 + before ? mute(2_500) : 201);

    var first = sends.send(request);
    var retry = sends.send(request);

    assertThat(first).isEqualTo(new SendOutcome.Uncertain(Channel.SMS, "no_answer"));
    assertThat(retry).isEqualTo(first);
    assertThat(sms.received()).hasSize(before + 1);
    assertThat(ledger.find("k-mona").orElseThrow().status()).isEqualTo(LedgerStatus.UNCERTAIN);
  }

  @Test
  void anAttemptTheProviderCertainlyRefusedIsSentAgainEvenForMarketingAndNotDecidedAgain() {
    customer("nina", "+15550001003");
    var request = sms("nina", "k-nina", Topic.MARKETING);
    int before = sms.received().size();
    sms.answer(call -> call == 1 + before ? 503 : 201);

    var unavailable = catchThrowableOfType(ApplicationFailure.class, () -> sends.send(request));
    // she opts out after the decision: the send was allowed before, and is completed
    profiles.changeConsents(
        "nina",
        List.of(new ConsentChange(Channel.SMS, Topic.MARKETING, ConsentStatus.DENIED)),
        "test");
    var retry = sends.send(request);

    assertThat(unavailable.isNonRetryable()).isFalse();
    assertThat(retry).isInstanceOf(SendOutcome.Sent.class);
    assertThat(sms.received()).hasSize(before + 2);
  }

  @Test
  void aSecondAttemptNeverCallsTheProviderWhileTheFirstMayStillBeRunning() throws Exception {
    customer("otto", "+15550001004");
    var request = sms("otto", "k-otto", Topic.TRANSACTIONAL);
    int before = sms.received().size();
    var reached = new CountDownLatch(1);
    var release = new CountDownLatch(1);
    sms.answer(
        call -> {
          if (call == 1 + before) {
            reached.countDown();
            await(release);
          }
          return 201;
        });

    var first = CompletableFuture.supplyAsync(() -> sends.send(request));
    assertThat(reached.await(10, TimeUnit.SECONDS)).isTrue();
    var second = catchThrowableOfType(ApplicationFailure.class, () -> sends.send(request));
    release.countDown();

    assertThat(second.getType()).isEqualTo(SendActivitiesImpl.ATTEMPT_IN_FLIGHT);
    assertThat(second.isNonRetryable()).isFalse();
    assertThat(second.getNextRetryDelay()).isPositive();
    assertThat(first.get(10, TimeUnit.SECONDS)).isInstanceOf(SendOutcome.Sent.class);
    assertThat(sends.send(request)).isEqualTo(first.get());
    assertThat(sms.received()).hasSize(before + 1);
  }

  @Test
  void anAttemptBeatsWhileTheProviderIsSlowSoTemporalNeverStartsASecondOne() {
    customer("uma", "+15550001009");
    var request = sms("uma", "k-uma", Topic.MARKETING);
    int before = sms.received().size();
    // slow, but within the channel's 2 s timeout: a live attempt, not a lost one
    sms.answer(call -> call == 1 + before ? mute(1_000) : 201);
    var beats = new AtomicInteger();
    var env = TestActivityEnvironment.newInstance();
    SendOutcome outcome;
    try {
      env.registerActivitiesImplementations(sends);
      env.setActivityHeartbeatListener(String.class, details -> beats.incrementAndGet());
      var activity =
          env.newActivityStub(
              SendActivities.class,
              ActivityOptions.newBuilder()
                  .setStartToCloseTimeout(Duration.ofMinutes(1))
                  .setHeartbeatTimeout(Duration.ofMillis(400))
                  .build());
      outcome = activity.send(request);
    } finally {
      env.close();
    }

    assertThat(outcome).isInstanceOf(SendOutcome.Sent.class);
    // one beat when it starts, then one per 0.8 x 400 ms while the provider thinks
    assertThat(beats.get()).isGreaterThanOrEqualTo(2);
    assertThat(sms.received()).hasSize(before + 1);
  }

  @Test
  void anAttemptWhoseWorkerDiedIsInDoubtOnceItsLeaseEnds() {
    customer("pia", "+15550001005");
    customer("quin", "+15550001006");
    // both allowed and leased by an attempt that died before it said anything
    var marketing = sms("pia", "k-pia", Topic.MARKETING);
    var transactional = sms("quin", "k-quin", Topic.TRANSACTIONAL);
    diedAfterDeciding(marketing, "+15550001005");
    diedAfterDeciding(transactional, "+15550001006");
    int before = sms.received().size();

    var given = sends.send(marketing);
    var resent = sends.send(transactional);

    assertThat(given).isEqualTo(new SendOutcome.Uncertain(Channel.SMS, "attempt_in_doubt"));
    assertThat(resent).isInstanceOf(SendOutcome.Sent.class);
    assertThat(sms.received()).hasSize(before + 1);
    assertThat(sms.received().getLast().form()).containsEntry("To", "+15550001006");
  }

  @Test
  void aDeferredSendIsDecidedAgainUnderTheSameKeyOnceItsTimeHasCome() {
    customer("rita", "+15550001007");
    var later = sms("rita", "k-rita-later", Topic.MARKETING);
    var due = sms("rita", "k-rita-due", Topic.MARKETING);
    ledger.decide(
        later,
        Decision.later(LedgerStatus.DEFERRED, Instant.now().plusSeconds(3600), "quiet_hours"));
    ledger.decide(
        due, Decision.later(LedgerStatus.DEFERRED, Instant.now().minusSeconds(1), "quiet_hours"));

    assertThat(sends.send(later)).isInstanceOf(SendOutcome.Deferred.class);
    assertThat(sends.send(due)).isInstanceOf(SendOutcome.Sent.class);
    assertThat(ledger.find("k-rita-due").orElseThrow().status()).isEqualTo(LedgerStatus.SENT);
  }

  @Test
  void aSendOnAChannelWithoutProviderIsRecordedFailedAndReturnedNotThrown() {
    customer("sam", "+15550001008");
    var request =
        new SendRequest(
            "k-sam",
            "sam",
            "abandoned-cart",
            "cart-last-call",
            Channel.WHATSAPP,
            Topic.TRANSACTIONAL,
            "cart-last-call",
            Map.of("cartTotal", "1.00"));

    var outcome = sends.send(request);

    assertThat(outcome)
        .isEqualTo(
            new SendOutcome.Failed(Channel.WHATSAPP, SendActivitiesImpl.CHANNEL_NOT_CONFIGURED));
    assertThat(ledger.find("k-sam").orElseThrow().status()).isEqualTo(LedgerStatus.FAILED);
  }

  /** The ledger as an attempt leaves it that decided, took its lease and died. */
  private void diedAfterDeciding(SendRequest request, String recipient) {
    ledger.decide(
        request,
        new Decision(
            LedgerStatus.PENDING,
            null,
            recipient,
            null,
            null,
            null,
            "dead",
            Duration.ofMinutes(5)));
    jdbc.sql(
            "update message_ledger set lease_until = now() - interval '1 second'"
                + " where idempotency_key = :key")
        .param("key", request.idempotencyKey())
        .update();
  }

  private void customer(String id, String phone) {
    CartSendFixtures.customer(profiles, id, id + "@shop.test", phone, ConsentStatus.GRANTED);
  }

  private static SendRequest sms(String customer, String key, Topic topic) {
    return new SendRequest(
        key,
        customer,
        "abandoned-cart",
        "cart-last-call",
        Channel.SMS,
        topic,
        "cart-last-call",
        Map.of("cartTotal", "59.90"));
  }

  /** Holds the provider's answer past the client's timeout. */
  private static int mute(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 201;
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
