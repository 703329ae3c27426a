package dev.journeys.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.customer.Consent;
import dev.journeys.customer.ConsentStatus;
import dev.journeys.customer.Customer;
import dev.journeys.customer.CustomerProfiles;
import dev.journeys.journey.JourneyActivityOptions;
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
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * A burst of sends over the provider's rate drains at that rate, each throttled send waiting on a
 * workflow timer for its slot, instead of failing: the real send activity on real PostgreSQL, under
 * a Temporal test server on the wall clock (the buckets fill in real time).
 */
@SpringBootTest(classes = ChannelTestApp.class)
class RateLimitedDrainTest {

  private static final double RATE = 2.0;
  private static final int MESSAGES = 6;

  @RegisterExtension static final SendPathProviders smtp = new SendPathProviders();

  static final SmsProviderStub sms = smtp.sms();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    smtp.register(registry);
    registry.add("journeys.policies.rate-limits.per-channel.EMAIL", () -> String.valueOf(RATE));
  }

  /** Sends every request at once, as a large trigger would. */
  @WorkflowInterface
  public interface Burst {
    /** The outcome of each send, by kind ({@code Sent}, ...). */
    @WorkflowMethod
    List<String> send(List<SendRequest> requests);
  }

  public static class BurstImpl implements Burst {
    private final SendActivities sends =
        Workflow.newActivityStub(SendActivities.class, JourneyActivityOptions.defaults().send());

    @Override
    public List<String> send(List<SendRequest> requests) {
      List<Promise<SendOutcome>> pending = new ArrayList<>();
      for (SendRequest request : requests) {
        pending.add(Async.function(this::paced, request));
      }
      return pending.stream().map(p -> p.get().getClass().getSimpleName()).toList();
    }

    /**
     * What a journey does with a throttled send: waits on a timer until its slot, plus a little
     * jitter, and asks again with the same request.
     */
    private SendOutcome paced(SendRequest request) {
      SendOutcome outcome = sends.send(request);
      while (outcome instanceof SendOutcome.Throttled throttled) {
        Workflow.sleep(throttled.retryAfter().plusMillis(Workflow.newRandom().nextInt(50)));
        outcome = sends.send(request);
      }
      return outcome;
    }
  }

  @Autowired SendActivities sends;
  @Autowired CustomerProfiles profiles;
  @Autowired MessageLedger ledger;

  @Test
  void aBurstOverTheProviderRateIsSentAtThatRateAndNoneFails() {
    List<SendRequest> requests = new ArrayList<>();
    for (int i = 0; i < MESSAGES; i++) {
      customer("b" + i);
      requests.add(
          new SendRequest(
              "k-burst-" + i,
              "b" + i,
              "burst",
              "cart-reminder",
              Channel.EMAIL,
              Topic.MARKETING,
              "cart-reminder",
              Map.of("cartTotal", "1.00")));
    }
    var env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    try {
      var worker = env.newWorker("burst");
      worker.registerWorkflowImplementationTypes(BurstImpl.class);
      worker.registerActivitiesImplementations(sends);
      env.start();
      var burst =
          env.getWorkflowClient()
              .newWorkflowStub(
                  Burst.class, WorkflowOptions.newBuilder().setTaskQueue("burst").build());

      var outcomes = burst.send(requests);

      assertThat(outcomes).hasSize(MESSAGES).containsOnly("Sent");
      assertThat(smtp.getReceivedMessages()).hasSize(MESSAGES);
      List<Instant> decided =
          requests.stream()
              .map(r -> ledger.find(r.idempotencyKey()).orElseThrow())
              .peek(e -> assertThat(e.status()).isEqualTo(LedgerStatus.SENT))
              .map(e -> e.createdAt())
              .sorted()
              .toList();
      // a full bucket (one second's worth) goes at once, the rest one token at a time
      double minimumSeconds = (MESSAGES - RATE) / RATE;
      assertThat(Duration.between(decided.getFirst(), decided.getLast()))
          .isGreaterThanOrEqualTo(Duration.ofMillis((long) (minimumSeconds * 1000) - 100));
    } finally {
      env.close();
    }
  }

  private void customer(String id) {
    profiles.save(
        new Customer(
            id,
            id + "@shop.test",
            null,
            "UTC",
            "en",
            id,
            Set.of(new Consent(Channel.EMAIL, Topic.MARKETING, ConsentStatus.GRANTED, null, null)),
            null),
        "test");
  }
}
