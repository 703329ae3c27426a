package dev.journeys.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.api.webhook.TwilioSignature;
import dev.journeys.catalog.JourneyCatalog;
import dev.journeys.customer.CustomerActivities;
import dev.journeys.customer.CustomerProfile;
import dev.journeys.journey.JourneyOutcome;
import dev.journeys.journey.JourneySearchAttributes;
import dev.journeys.journey.welcome.WelcomeSeriesJourneyImpl;
import dev.journeys.messaging.Channel;
import dev.journeys.messaging.SendActivities;
import dev.journeys.messaging.SendOutcome;
import dev.journeys.messaging.Topic;
import dev.journeys.unsubscribe.UnsubscribeLinks;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerFactory;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;

/**
 * Opt-outs reach running journeys: a real welcome series (which exits on {@code unsubscribed}) runs
 * on a worker in the test, against the in-memory Temporal server the API uses; its sends and
 * profile look-ups are answered in memory.
 */
class OptOutReachesJourneysApiTest extends ApiTestSupport {

  @Autowired WorkflowClient temporal;
  @Autowired TestWorkflowEnvironment environment;
  @Autowired UnsubscribeLinks links;
  @Autowired JdbcClient jdbc;
  @LocalServerPort int port;

  private WorkerFactory workers;

  @BeforeEach
  void startWorker() {
    for (var key : JourneySearchAttributes.ALL) {
      try {
        environment.registerSearchAttribute(
            key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
      } catch (RuntimeException alreadyRegistered) {
        // registered by an earlier test of this class
      }
    }
    workers = WorkerFactory.newInstance(temporal);
    var worker = workers.newWorker(JourneyCatalog.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(WelcomeSeriesJourneyImpl.class);
    SendActivities sends = request -> new SendOutcome.Sent(request.channel(), "p-1");
    CustomerActivities profiles = CustomerProfile::unknown;
    var enrollments =
        new dev.journeys.funnel.EnrollmentActivities() {
          @Override
          public void entered(dev.journeys.funnel.EnrollmentEntered entered) {}

          @Override
          public void ended(dev.journeys.funnel.EnrollmentEnded ended) {}
        };
    worker.registerActivitiesImplementations(sends, profiles, enrollments);
    workers.start();
  }

  @AfterEach
  void stopWorker() throws InterruptedException {
    workers.shutdownNow();
    workers.awaitTermination(10, TimeUnit.SECONDS);
  }

  @Test
  void anSmsStopEndsTheRunningWelcomeSeries() {
    signUp("sam", "+15552220001");

    var reply = inboundSms(Map.of("From", "+15552220001", "Body", "STOP"));

    assertThat(reply.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(outcome("sam")).isEqualTo(JourneyOutcome.EXITED);
    assertThat(announcements("sam")).hasSize(1).allMatch(id -> id.startsWith("consent-change/"));
  }

  @Test
  void aOneClickUnsubscribeEndsTheRunningWelcomeSeries() {
    signUp("uma", "+15552220002");
    String link = links.linkFor("uma", Channel.EMAIL, Topic.MARKETING).orElseThrow();
    URI uri = URI.create(link);

    var done =
        http.postForEntity(
            URI.create("http://127.0.0.1:" + port + uri.getRawPath() + "?" + uri.getRawQuery()),
            null,
            String.class);

    assertThat(done.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(outcome("uma")).isEqualTo(JourneyOutcome.EXITED);
  }

  @Test
  void aConsentPatchWithdrawingMarketingEndsTheRunningWelcomeSeriesOnce() {
    signUp("pat", "+15552220003");
    String denyMarketing = "[{\"topic\":\"MARKETING\",\"status\":\"DENIED\"}]";

    var patched = sendJson(HttpMethod.PATCH, "/v1/customers/pat/consents", denyMarketing);
    var repeated = sendJson(HttpMethod.PATCH, "/v1/customers/pat/consents", denyMarketing);

    assertThat(patched.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(repeated.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(outcome("pat")).isEqualTo(JourneyOutcome.EXITED);
    // one withdrawal, one event in the inbound log, whatever the number of channels or repeats
    assertThat(announcements("pat")).hasSize(1);
  }

  @Test
  void aChangeThatLeavesMarketingConsentAloneSaysNothingToJourneys() {
    signUp("rex", "+15552220004");

    var reviews =
        sendJson(
            HttpMethod.PATCH,
            "/v1/customers/rex/consents",
            "[{\"topic\":\"REVIEWS\",\"status\":\"DENIED\"},"
                + "{\"channel\":\"EMAIL\",\"topic\":\"MARKETING\",\"status\":\"GRANTED\"}]");

    assertThat(reviews.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(announcements("rex")).isEmpty();
    assertThat(
            temporal
                .newUntypedWorkflowStub(JourneyCatalog.WELCOME_SERIES.workflowId("rex"))
                .describe()
                .getStatus())
        .isEqualTo(
            io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
  }

  private void signUp(String customer, String phone) {
    var created =
        sendJson(
            HttpMethod.PUT,
            "/v1/customers/" + customer,
            """
            {"email":"%s@shop.test","phone":"%s",
             "consents":[{"channel":"EMAIL","topic":"MARKETING","status":"GRANTED"},
                         {"channel":"SMS","topic":"MARKETING","status":"GRANTED"}]}"""
                .formatted(customer, phone));
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.OK);
    var signedUp =
        sendJson(
            HttpMethod.POST,
            "/v1/events",
            """
            {"eventId":"signup-%s","customerId":"%s","type":"customer_signed_up",
             "occurredAt":"2026-11-23T10:00:00Z"}"""
                .formatted(customer, customer));
    assertThat(signedUp.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
  }

  private JourneyOutcome outcome(String customer) {
    try {
      return temporal
          .newUntypedWorkflowStub(JourneyCatalog.WELCOME_SERIES.workflowId(customer))
          .getResult(30, TimeUnit.SECONDS, JourneyOutcome.class);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("the welcome series of " + customer + " did not end", e);
    }
  }

  private List<String> announcements(String customer) {
    return jdbc.sql(
            "select event_id from inbound_event where customer_id = :c and type = 'unsubscribed'")
        .param("c", customer)
        .query(String.class)
        .list();
  }

  private org.springframework.http.ResponseEntity<String> inboundSms(Map<String, String> params) {
    var form = new LinkedMultiValueMap<String, String>();
    params.forEach(form::add);
    String url = "http://localhost:" + port + "/v1/webhooks/sms/inbound";
    var headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    headers.add(
        "X-Twilio-Signature",
        TwilioSignature.sign(
            "test-sms-auth-token-0123456789", // TestSecrets, which ApiTestSupport applies
            url,
            params.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue())))));
    return http.exchange(
        URI.create(url), HttpMethod.POST, new HttpEntity<>(form, headers), String.class);
  }
}
