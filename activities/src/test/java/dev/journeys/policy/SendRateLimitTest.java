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
import dev.journeys.testsupport.ChannelTestApp;
import dev.journeys.testsupport.SendPathProviders;
import dev.journeys.testsupport.SmsProviderStub;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Send rates per provider and per journey, held in PostgreSQL for every worker at once. */
@SpringBootTest(classes = ChannelTestApp.class)
class SendRateLimitTest {

  @RegisterExtension static final SendPathProviders smtp = new SendPathProviders();

  static final SmsProviderStub sms = smtp.sms();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    smtp.register(registry);
    registry.add("journeys.policies.frequency-caps", () -> "");
    // one SMS every 5 seconds, one message of a journey every 5 seconds: slow enough that the
    // test never races the refill
    registry.add("journeys.policies.rate-limits.per-channel.SMS", () -> "0.2");
    registry.add("journeys.policies.rate-limits.per-journey", () -> "0.2");
  }

  @Autowired SendActivities sends;
  @Autowired CustomerProfiles profiles;
  @Autowired MessageLedger ledger;
  @Autowired SendRateLimiter limiter;
  @Autowired JdbcClient jdbc;
  @Autowired DataSource dataSource;

  @Test
  void neverGrantsMoreThanTheRateToConcurrentCallers() throws Exception {
    double rate = 20;
    int threads = 4;
    long started = System.nanoTime();
    long until = started + Duration.ofMillis(1500).toNanos();
    var pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> granted = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        granted.add(
            pool.submit(
                (Callable<Integer>)
                    () -> {
                      int mine = 0;
                      while (System.nanoTime() < until) {
                        if (limiter.take("test:concurrent", rate).isEmpty()) {
                          mine++;
                        }
                      }
                      return mine;
                    }));
      }
      int total = 0;
      for (var g : granted) {
        total += g.get();
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      // a full bucket (one second's worth) plus the refill while the test ran
      assertThat(total).isLessThanOrEqualTo((int) Math.ceil(rate + rate * seconds) + 1);
      assertThat(total).isGreaterThanOrEqualTo((int) rate);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void sendsOverTheProviderRateGetOneSlotEachAtThatRateAndTheLedgerSaysSo() {
    customer("s1");
    customer("s2");
    customer("s3");

    var first = sends.send(smsRequest("s1", "k-s1", "journey-a"));
    var second = sends.send(smsRequest("s2", "k-s2", "journey-b"));
    var third = sends.send(smsRequest("s3", "k-s3", "journey-c"));
    // asked again before its slot: the same slot, not another one
    var secondAgain = sends.send(smsRequest("s2", "k-s2", "journey-b"));

    assertThat(first).isInstanceOf(SendOutcome.Sent.class);
    // one SMS every 5 s: the second waits for the next token, the third for the one after
    // (each wait counts from when it was asked: allow for a slow machine between the calls)
    assertThat(wait(second)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(5));
    assertThat(wait(third).minus(wait(second)))
        .isBetween(Duration.ofMillis(3_000), Duration.ofSeconds(5));
    assertThat(wait(secondAgain)).isLessThanOrEqualTo(wait(second));
    var entry = ledger.find("k-s2").orElseThrow();
    assertThat(entry.status()).isEqualTo(LedgerStatus.THROTTLED);
    assertThat(entry.reason()).isEqualTo("rate_limited");
    assertThat(entry.deferredUntil()).isAfter(entry.createdAt().plusSeconds(1));
    assertThat(sms.received()).hasSize(1);
  }

  @Test
  void aJourneyOverItsRateWaitsWhileOtherJourneysSend() {
    customer("j1");
    customer("j2");
    customer("j3");

    var first = sends.send(emailRequest("j1", "k-j1", "bulk"));
    var throttled = sends.send(emailRequest("j2", "k-j2", "bulk"));
    var other = sends.send(emailRequest("j3", "k-j3", "welcome"));

    assertThat(first).isInstanceOf(SendOutcome.Sent.class);
    assertThat(throttled).isInstanceOf(SendOutcome.Throttled.class);
    assertThat(other).isInstanceOf(SendOutcome.Sent.class);
  }

  @Test
  void aSendWaitingForARateTokenHoldsNoCustomerLock() throws Exception {
    customer("lk");
    jdbc.sql(
            """
            insert into send_rate_bucket (name, tokens, refilled_at)
            values ('journey:locktest', 1, now())""")
        .update();
    try (Connection bucketHolder = dataSource.getConnection()) {
      bucketHolder.setAutoCommit(false);
      bucketHolder
          .createStatement()
          .execute("select * from send_rate_bucket where name = 'journey:locktest' for update");
      var send =
          CompletableFuture.supplyAsync(() -> sends.send(emailRequest("lk", "k-lk", "locktest")));
      awaitSomeoneWaitingForALock();
      try (Connection other = dataSource.getConnection()) {
        other.setAutoCommit(false);
        // another decision for the same customer can go on meanwhile
        other.createStatement().execute("set local lock_timeout = '2s'");
        other.createStatement().execute("select id from customer where id = 'lk' for update");
        other.rollback();
      } finally {
        bucketHolder.rollback();
      }
      assertThat(send.get(10, TimeUnit.SECONDS)).isInstanceOf(SendOutcome.Sent.class);
    }
  }

  private void awaitSomeoneWaitingForALock() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (jdbc.sql(
                """
                select count(*) from pg_stat_activity
                where datname = current_database() and wait_event_type = 'Lock'""")
            .query(Integer.class)
            .single()
        == 0) {
      assertThat(System.nanoTime()).as("the send waits for the bucket").isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  private static Duration wait(SendOutcome outcome) {
    assertThat(outcome).isInstanceOf(SendOutcome.Throttled.class);
    return ((SendOutcome.Throttled) outcome).retryAfter();
  }

  private void customer(String id) {
    profiles.save(
        new Customer(
            id,
            id + "@shop.test",
            "+1555000" + String.format("%04d", Math.abs(id.hashCode()) % 10000),
            "UTC",
            "en",
            id,
            Set.of(
                new Consent(Channel.EMAIL, Topic.MARKETING, ConsentStatus.GRANTED, null, null),
                new Consent(Channel.SMS, Topic.MARKETING, ConsentStatus.GRANTED, null, null)),
            null),
        "test");
  }

  private static SendRequest smsRequest(String customer, String key, String journey) {
    return new SendRequest(
        key,
        customer,
        journey,
        "cart-last-call",
        Channel.SMS,
        Topic.MARKETING,
        "cart-last-call",
        Map.of("cartTotal", "1.00"));
  }

  private static SendRequest emailRequest(String customer, String key, String journey) {
    return new SendRequest(
        key,
        customer,
        journey,
        "cart-reminder",
        Channel.EMAIL,
        Topic.MARKETING,
        "cart-reminder",
        Map.of("cartTotal", "1.00"));
  }
}
