package dev.journeys.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.journeys.catalog.JourneyCatalog;
import dev.journeys.customer.CustomerActivities;
import dev.journeys.customer.CustomerProfile;
import dev.journeys.funnel.EnrollmentLog;
import dev.journeys.journey.JourneyOutcome;
import dev.journeys.journey.JourneySearchAttributes;
import dev.journeys.journey.welcome.WelcomeSeriesJourneyImpl;
import dev.journeys.messaging.SendActivities;
import dev.journeys.messaging.SendOutcome;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Erasure, export and a customer's enrollments, with a real welcome series running on a worker in
 * the test against the in-memory Temporal server the API uses (its enrollments recorded by the real
 * enrollment log, its sends answered in memory).
 */
class DataRightsApiTest extends ApiTestSupport {

  @Autowired WorkflowClient temporal;
  @Autowired TestWorkflowEnvironment environment;
  @Autowired JdbcClient jdbc;

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
    worker.registerActivitiesImplementations(sends, profiles, new EnrollmentLog(jdbc));
    workers.start();
  }

  @AfterEach
  void stopWorker() throws InterruptedException {
    workers.shutdownNow();
    workers.awaitTermination(10, TimeUnit.SECONDS);
  }

  @Test
  void erasureRemovesPersonalDataTerminatesEnrollmentsAndKeepsAnonymousFacts() throws Exception {
    signUp("eve");
    heldAbout("eve");
    awaitEnrollment("eve");

    var export =
        json.readTree(http.getForEntity("/v1/customers/eve/export", String.class).getBody());
    assertThat(export.at("/profile/email").asText()).isEqualTo("eve@shop.test");
    assertThat(export.at("/consentHistory")).hasSize(2);
    assertThat(export.at("/messages/0/recipient").asText()).isEqualTo("eve@shop.test");
    assertThat(export.at("/events/0/properties/coupon").asText()).isEqualTo("EVE-10");
    assertThat(export.at("/enrollments/0/journey").asText()).isEqualTo("welcome-series");
    assertThat(export.at("/suppressions/0/address").asText()).isEqualTo("eve@shop.test");

    var erased = http.exchange("/v1/customers/eve", HttpMethod.DELETE, null, String.class);

    assertThat(erased.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode report = json.readTree(erased.getBody());
    assertThat(report.path("erased").asBoolean()).isTrue();
    assertThat(report.at("/removed/enrollmentsTerminated").asInt()).isEqualTo(1);
    String erasureId = report.path("erasureId").asText();
    assertThat(
            temporal
                .newUntypedWorkflowStub(JourneyCatalog.WELCOME_SERIES.workflowId("eve"))
                .describe()
                .getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED);
    assertThat(http.getForEntity("/v1/customers/eve", String.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(http.getForEntity("/v1/customers/eve/export", String.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    // nothing anywhere names the customer; their address is kept only where it is suppressed
    // (the list, and the provider's complaint that put it there, now unlinked from the customer)
    assertThat(rowsMentioning("eve")).isEmpty();
    assertThat(rowsMentioning("eve@shop.test"))
        .containsExactly("address_suppression_event", "suppressed_address");
    // the facts without the person: what was sent, on which journey, still count
    assertThat(
            jdbc.sql(
                    "select status || '/' || channel || '/' || journey from message_ledger"
                        + " where customer_id = :id and recipient is null")
                .param("id", erasureId)
                .query(String.class)
                .list())
        .containsExactly("SENT/EMAIL/welcome-series");
    assertThat(
            jdbc.sql("select count(*) from journey_enrollment where customer_id = :id")
                .param("id", erasureId)
                .query(Integer.class)
                .single())
        .isEqualTo(1);
    // audited without personal data
    assertThat(
            jdbc.sql(
                    "select requested_by || ' ' || summary::text from customer_erasure"
                        + " where erasure_id = :id")
                .param("id", erasureId)
                .query(String.class)
                .single())
        .startsWith("key:")
        .doesNotContain("eve");

    var again = http.exchange("/v1/customers/eve", HttpMethod.DELETE, null, String.class);

    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(json.readTree(again.getBody()).path("erased").asBoolean()).isFalse();
    assertThat(jdbc.sql("select count(*) from customer_erasure").query(Integer.class).single())
        .isEqualTo(1);
  }

  @Test
  void erasingACustomerLeavesOthersAlone() throws Exception {
    signUp("ann");
    signUp("bea");
    awaitEnrollment("ann");
    awaitEnrollment("bea");

    assertThat(
            http.exchange("/v1/customers/ann", HttpMethod.DELETE, null, String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.OK);

    assertThat(http.getForEntity("/v1/customers/bea", String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(
            temporal
                .newUntypedWorkflowStub(JourneyCatalog.WELCOME_SERIES.workflowId("bea"))
                .describe()
                .getStatus())
        .isNotEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED);
    assertThat(
            json.readTree(http.getForEntity("/v1/customers/bea/export", String.class).getBody())
                .at("/consentHistory"))
        .hasSize(2);
  }

  @Test
  void anEnrollmentIsListedWithItsStateAndCanBeCancelledOnce() throws Exception {
    signUp("cal");
    awaitEnrollment("cal");
    String workflowId = JourneyCatalog.WELCOME_SERIES.workflowId("cal");
    String id =
        workflowId
            + "/"
            + temporal.newUntypedWorkflowStub(workflowId).describe().getExecution().getRunId();

    JsonNode running =
        json.readTree(http.getForEntity("/v1/customers/cal/enrollments", String.class).getBody());
    assertThat(running).hasSize(1);
    assertThat(running.at("/0/enrollmentId").asText()).isEqualTo(id);
    assertThat(running.at("/0/state").asText()).isEqualTo("RUNNING");
    assertThat(running.at("/0/temporalStatus").asText()).isEqualTo("RUNNING");

    var notTheirs =
        sendJson(
            HttpMethod.POST,
            "/v1/customers/someone-else/enrollments/cancel",
            "{\"enrollmentId\":\"" + id + "\"}");
    assertThat(notTheirs.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

    var cancelled =
        sendJson(
            HttpMethod.POST,
            "/v1/customers/cal/enrollments/cancel",
            "{\"enrollmentId\":\"" + id + "\"}");
    assertThat(cancelled.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThatThrownBy(
            () ->
                temporal
                    .newUntypedWorkflowStub(workflowId)
                    .getResult(30, TimeUnit.SECONDS, JourneyOutcome.class))
        .isInstanceOf(WorkflowFailedException.class)
        .hasMessageContaining("cancelled");

    eventually(
        () ->
            json.readTree(
                    http.getForEntity("/v1/customers/cal/enrollments?state=ended", String.class)
                        .getBody())
                .at("/0/outcome")
                .asText()
                .equals("CANCELLED"));
    assertThat(
            json.readTree(
                http.getForEntity("/v1/customers/cal/enrollments?state=running", String.class)
                    .getBody()))
        .isEmpty();
    var twice =
        sendJson(
            HttpMethod.POST,
            "/v1/customers/cal/enrollments/cancel",
            "{\"enrollmentId\":\"" + id + "\"}");
    assertThat(twice.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
  }

  @Test
  void theLedgerAndConsentHistoryAreWalkedPageByPage() throws Exception {
    signUp("pam");
    for (int i = 0; i < 5; i++) {
      jdbc.sql(
              """
              insert into message_ledger (idempotency_key, customer_id, channel, topic,
                  message_key, status, created_at)
              values (:key, 'pam', 'EMAIL', 'MARKETING', 'welcome', 'SENT',
                  timestamptz '2026-11-01 10:00:00+00' + make_interval(mins => :i / 2))""")
          .param("key", "k-" + i)
          .param("i", i)
          .update();
      var consent =
          sendJson(
              HttpMethod.PUT,
              "/v1/customers/pam/consents/EMAIL/REVIEWS",
              "{\"status\":\"" + (i % 2 == 0 ? "DENIED" : "GRANTED") + "\"}");
      assertThat(consent.getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    List<String> keys = walk("/v1/customers/pam/messages?limit=2", "idempotencyKey");
    assertThat(keys).containsExactly("k-4", "k-2", "k-3", "k-0", "k-1");
    List<String> history = walk("/v1/customers/pam/consents/history?limit=2", "status");
    assertThat(history)
        .containsExactly("GRANTED", "DENIED", "DENIED", "GRANTED", "DENIED", "GRANTED", "DENIED");

    assertThat(
            http.getForEntity("/v1/customers/pam/messages?cursor=not-a-cursor", String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
  }

  /** Follows the Link headers from the first page to the last, collecting one field. */
  private List<String> walk(String first, String field) throws Exception {
    List<String> values = new ArrayList<>();
    String url = first;
    int pages = 0;
    while (url != null) {
      ResponseEntity<String> page = http.getForEntity(url, String.class);
      assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
      json.readTree(page.getBody()).forEach(e -> values.add(e.path(field).asText()));
      String link = page.getHeaders().getFirst("Link");
      url = link == null ? null : link.substring(link.indexOf('<') + 1, link.indexOf('>'));
      assertThat(++pages).isLessThan(10);
    }
    return values;
  }

  private void signUp(String customer) {
    var created =
        sendJson(
            HttpMethod.PUT,
            "/v1/customers/" + customer,
            """
            {"email":"%s@shop.test","phone":"+15550000001",
             "consents":[{"channel":"EMAIL","topic":"MARKETING","status":"GRANTED"}]}"""
                .formatted(customer));
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(
            sendJson(
                    HttpMethod.PUT,
                    "/v1/customers/" + customer + "/consents/SMS/TRANSACTIONAL",
                    "{\"status\":\"DENIED\"}")
                .getStatusCode())
        .isEqualTo(HttpStatus.OK);
    var signedUp =
        sendJson(
            HttpMethod.POST,
            "/v1/events",
            """
            {"eventId":"signup-%s","customerId":"%s","type":"customer_signed_up",
             "occurredAt":"2026-11-23T10:00:00Z","properties":{"coupon":"%s-10"}}"""
                .formatted(customer, customer, customer.toUpperCase()));
    assertThat(signedUp.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
  }

  /** What the worker would have recorded for the customer: a sent mail, a suppression. */
  private void heldAbout(String customer) {
    jdbc.sql(
            """
            insert into message_ledger (idempotency_key, customer_id, journey, step, channel,
                topic, message_key, status, recipient, provider_message_id)
            values (:key, :customer, 'welcome-series', 'welcome', 'EMAIL', 'MARKETING',
                'welcome', 'SENT', :address, 'p-1')""")
        .param("key", "welcome-series/" + customer + "/welcome")
        .param("customer", customer)
        .param("address", customer + "@shop.test")
        .update();
    jdbc.sql(
            """
            insert into suppressed_address (channel, address, reason, source)
            values ('EMAIL', :address, 'complaint', 'ses')""")
        .param("address", customer + "@shop.test")
        .update();
    jdbc.sql(
            """
            insert into address_suppression_event (channel, address, reason, provider, customer_id)
            values ('EMAIL', :address, 'complaint', 'ses', :customer)""")
        .param("address", customer + "@shop.test")
        .param("customer", customer)
        .update();
  }

  private void awaitEnrollment(String customer) throws Exception {
    eventually(
        () ->
            jdbc.sql("select count(*) from journey_enrollment where customer_id = :c")
                    .param("c", customer)
                    .query(Integer.class)
                    .single()
                > 0);
  }

  private interface Condition {
    boolean holds() throws Exception;
  }

  private static void eventually(Condition condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 20 s");
      }
      Thread.sleep(50);
    }
  }

  /**
   * The tables with a row whose text (every column, as text) contains the value as a whole word, so
   * a table added later that keeps the customer's data is caught here.
   */
  private List<String> rowsMentioning(String value) {
    List<String> tables =
        jdbc.sql(
                """
                select table_name from information_schema.tables
                where table_schema = 'public' and table_type = 'BASE TABLE'
                  and table_name not like 'flyway%' order by table_name""")
            .query(String.class)
            .list();
    List<String> found = new ArrayList<>();
    for (String table : tables) {
      int rows =
          jdbc.sql(
                  "select count(*) from "
                      + table
                      + " t where t::text ~ ('(^|[^A-Za-z0-9@._-])' || :value"
                      + " || '($|[^A-Za-z0-9@._-])')")
              .param("value", value.replace(".", "\\."))
              .query(Integer.class)
              .single();
      if (rows > 0) {
        found.add(table);
      }
    }
    return found;
  }
}
