package dev.journeys.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.customer.ConsentStatus;
import dev.journeys.customer.CustomerProfiles;
import dev.journeys.journey.JourneyActivityOptions;
import dev.journeys.ledger.LedgerStatus;
import dev.journeys.ledger.MessageLedger;
import dev.journeys.testsupport.CartSendFixtures;
import dev.journeys.testsupport.ChannelTestApp;
import dev.journeys.testsupport.SendPathProviders;
import dev.journeys.testsupport.SmsProviderStub;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The window between the provider's accept and the ledger's SENT: the database fails the write
 * right after the provider took the SMS. The retry, run by Temporal, records the send as SENT under
 * the provider's id instead of sending a second SMS.
 */
@SpringBootTest(classes = ChannelTestApp.class)
class LedgerWindowTest {

  @RegisterExtension static final SendPathProviders smtp = new SendPathProviders();

  static final SmsProviderStub sms = smtp.sms();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    smtp.register(registry);
  }

  /** One send, as a journey step makes it. */
  @WorkflowInterface
  public interface OneSend {
    @WorkflowMethod
    SendOutcome send(SendRequest request);
  }

  public static class OneSendImpl implements OneSend {
    private final SendActivities sends =
        Workflow.newActivityStub(SendActivities.class, JourneyActivityOptions.defaults().send());

    @Override
    public SendOutcome send(SendRequest request) {
      return sends.send(request);
    }
  }

  @Autowired SendActivities sends;
  @Autowired CustomerProfiles profiles;
  @Autowired MessageLedger ledger;
  @Autowired JdbcClient jdbc;

  @Test
  void aLedgerWriteThatFailsAfterTheProvidersAcceptIsRecordedByTheRetryNotSentAgain() {
    CartSendFixtures.customer(
        profiles, "wendy", "w@shop.test", "+15550002001", ConsentStatus.GRANTED);
    failTheFirstWriteOfSent("k-window");
    var request =
        new SendRequest(
            "k-window",
            "wendy",
            "post-purchase",
            "order-shipped",
            Channel.SMS,
            Topic.TRANSACTIONAL,
            "order-shipped",
            Map.of("orderId", "o-1", "trackingUrl", "https://t.test/1", "carrier", "DHL"));
    int before = sms.received().size();
    var env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    try {
      var worker = env.newWorker("window");
      worker.registerWorkflowImplementationTypes(OneSendImpl.class);
      worker.registerActivitiesImplementations(sends);
      env.start();
      var probe =
          env.getWorkflowClient()
              .newWorkflowStub(
                  OneSend.class, WorkflowOptions.newBuilder().setTaskQueue("window").build());

      var outcome = probe.send(request);

      assertThat(outcome).isInstanceOf(SendOutcome.Sent.class);
      assertThat(sms.received()).hasSize(before + 1);
      var entry = ledger.find("k-window").orElseThrow();
      assertThat(entry.status()).isEqualTo(LedgerStatus.SENT);
      assertThat(entry.providerMessageId())
          .isEqualTo(((SendOutcome.Sent) outcome).providerMessageId());
    } finally {
      env.close();
    }
  }

  /** The database refuses the first write of SENT for this key, as if it went away right then. */
  private void failTheFirstWriteOfSent(String key) {
    jdbc.sql("create sequence sent_write_failures").update();
    jdbc.sql(
            """
            create function fail_first_sent() returns trigger language plpgsql as $body$
            begin
              if new.status = 'SENT' and new.idempotency_key = '%s'
                 and nextval('sent_write_failures') = 1 then
                raise exception 'the database went away';
              end if;
              return new;
            end $body$"""
                .formatted(key))
        .update();
    jdbc.sql(
            """
            create trigger fail_first_sent before update on message_ledger
            for each row execute function fail_first_sent()""")
        .update();
  }
}
