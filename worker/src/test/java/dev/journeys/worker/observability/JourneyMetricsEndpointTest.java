package dev.journeys.worker.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.journeys.catalog.JourneyCatalog;
import dev.journeys.customer.ConsentStatus;
import dev.journeys.customer.CustomerProfiles;
import dev.journeys.event.CustomerEvent;
import dev.journeys.journey.Enrollment;
import dev.journeys.journey.JourneyOutcome;
import dev.journeys.journey.JourneySearchAttributes;
import dev.journeys.journey.cart.AbandonedCartJourney;
import dev.journeys.testsupport.CartSendFixtures;
import dev.journeys.testsupport.ChannelTestProperties;
import dev.journeys.testsupport.SmsProviderStub;
import dev.journeys.testsupport.TestSmtp;
import dev.journeys.worker.JourneysWorkerApplication;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The worker as it runs (real send activity, PostgreSQL, SMTP) on Temporal's time-skipping test
 * server: after an abandoned cart that sent a reminder and then converted, {@code
 * /actuator/prometheus} serves the journey counters, the provider latency and the Temporal SDK's
 * own schedule-to-start latency.
 */
// tests run without metrics exporters unless asked: this one is about the Prometheus one
@AutoConfigureObservability
@SpringBootTest(
    classes = JourneysWorkerApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=journeys-worker",
      "spring.temporal.test-server.enabled=true",
      "journeys.register-search-attributes=false",
      // a reminder at any hour of the day the test runs
      "journeys.policies.quiet-hours.enabled=false"
    })
class JourneyMetricsEndpointTest {

  static final ServerSetup SMTP = TestSmtp.onFreePort();

  @RegisterExtension static GreenMailExtension smtp = new GreenMailExtension(SMTP);

  static final SmsProviderStub sms = new SmsProviderStub();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    ChannelTestProperties.register(registry, SMTP.getPort(), sms);
  }

  @AfterAll
  static void stopSms() {
    sms.close();
  }

  @Autowired TestWorkflowEnvironment temporal;
  @Autowired WorkflowClient client;
  @Autowired CustomerProfiles profiles;
  @Autowired TestRestTemplate http;

  @Test
  void servesJourneyCountersAfterAJourneyRan() {
    for (var key : JourneySearchAttributes.ALL) {
      temporal.registerSearchAttribute(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    }
    CartSendFixtures.customer(
        profiles, "ada", "ada@shop.test", "+15551234567", ConsentStatus.GRANTED);
    var journey =
        client.newWorkflowStub(
            AbandonedCartJourney.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(JourneyCatalog.workflowId("abandoned-cart", "ada"))
                .setTaskQueue(JourneyCatalog.TASK_QUEUE)
                .build());
    var cart = event("e-cart", "cart_abandoned", Map.of("cartTotal", "59.90"));
    WorkflowClient.start(journey::run, new Enrollment("abandoned-cart", "ada", cart));

    temporal.sleep(Duration.ofMinutes(61));
    await().atMost(Duration.ofSeconds(20)).until(() -> smtp.getReceivedMessages().length == 1);
    journey.onEvent(event("e-order", "order_placed", Map.of("orderId", "o-1")));
    var outcome = WorkflowStub.fromTyped(journey).getResult(JourneyOutcome.class);
    assertThat(outcome).isEqualTo(JourneyOutcome.CONVERTED);

    // workflow counters reach the registry on the SDK's metrics scope's next report (10 s)
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              String scrape = http.getForObject("/actuator/prometheus", String.class);
              assertThat(series(scrape, "journeys_enrolled_total"))
                  .anySatisfy(s -> assertThat(s).contains("journey=\"abandoned-cart\""));
              assertThat(series(scrape, "journeys_messages_total"))
                  .anySatisfy(
                      s ->
                          assertThat(s)
                              .contains(
                                  "channel=\"EMAIL\"",
                                  "decision=\"sent\"",
                                  "journey=\"abandoned-cart\"",
                                  "step=\"cart-reminder\""));
              assertThat(series(scrape, "journeys_step_entered_total"))
                  .anySatisfy(s -> assertThat(s).contains("step=\"wait-for-order\""));
              assertThat(series(scrape, "journeys_finished_total"))
                  .anySatisfy(
                      s ->
                          assertThat(s)
                              .contains("journey=\"abandoned-cart\"", "outcome=\"CONVERTED\""));
              assertThat(series(scrape, "journeys_provider_latency_seconds_count"))
                  .anySatisfy(s -> assertThat(s).contains("channel=\"EMAIL\"", "accepted"));
              assertThat(series(scrape, "temporal_workflow_task_schedule_to_start_latency"))
                  .anySatisfy(s -> assertThat(s).contains("_bucket{"));
              assertThat(series(scrape, "temporal_activity_schedule_to_start_latency"))
                  .isNotEmpty();
            });
  }

  private static List<String> series(String scrape, String name) {
    return scrape.lines().filter(l -> l.startsWith(name)).toList();
  }

  private static CustomerEvent event(String id, String type, Map<String, Object> properties) {
    return new CustomerEvent(id, "ada", type, Instant.now(), properties);
  }
}
