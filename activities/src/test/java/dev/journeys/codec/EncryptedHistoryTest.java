package dev.journeys.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A workflow with an input, a signal and an activity runs end to end through the encrypting data
 * converter, and the history Temporal stores holds no payload in the clear.
 */
class EncryptedHistoryTest {

  @WorkflowInterface
  public interface Greeting {
    @WorkflowMethod
    String greet(String email);

    @SignalMethod
    void coupon(String code);
  }

  @ActivityInterface
  public interface Mailer {
    String mail(String email, String coupon);
  }

  public static class GreetingImpl implements Greeting {
    private String coupon;

    @Override
    public String greet(String email) {
      Workflow.await(() -> coupon != null);
      var mailer =
          Workflow.newActivityStub(
              Mailer.class,
              ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());
      return mailer.mail(email, coupon);
    }

    @Override
    public void coupon(String code) {
      this.coupon = code;
    }
  }

  private static final String KEY =
      Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

  private TestWorkflowEnvironment env;

  @BeforeEach
  void start() {
    var properties = new PayloadCodecProperties(KEY, "k1", Map.of(), List.of());
    var converter =
        new CodecDataConverter(
            DefaultDataConverter.newDefaultInstance(), List.of(properties.codec()), true);
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(
                    WorkflowClientOptions.newBuilder().setDataConverter(converter).build())
                .build());
    var worker = env.newWorker("codec-test");
    worker.registerWorkflowImplementationTypes(GreetingImpl.class);
    worker.registerActivitiesImplementations(
        (Mailer) (email, coupon) -> "mailed " + email + " " + coupon);
    env.start();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void theWorkflowRunsAndItsHistoryIsCiphertext() {
    var client = env.getWorkflowClient();
    var workflow =
        client.newWorkflowStub(
            Greeting.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue("codec-test")
                .setWorkflowId("greeting/ada")
                .build());
    io.temporal.client.WorkflowClient.start(workflow::greet, "ada@shop.test");
    workflow.coupon("ADA-10");

    assertThat(client.newUntypedWorkflowStub("greeting/ada").getResult(String.class))
        .isEqualTo("mailed ada@shop.test ADA-10");

    List<Payload> payloads = new ArrayList<>();
    for (HistoryEvent event : client.fetchHistory("greeting/ada").getHistory().getEventsList()) {
      collect(event, payloads);
    }
    // started (input), signalled, activity scheduled (input) and completed (result), completed
    assertThat(payloads).hasSizeGreaterThanOrEqualTo(5);
    assertThat(payloads).allSatisfy(p -> assertThat(AesGcmPayloadCodec.isEncrypted(p)).isTrue());
    assertThat(payloads)
        .allSatisfy(
            p ->
                assertThat(p.toByteString().toStringUtf8())
                    .doesNotContain("ada@shop.test", "ADA-10"));
  }

  /** Every payload anywhere in the event, found through the protobuf fields. */
  private static void collect(com.google.protobuf.Message message, List<Payload> into) {
    if (message instanceof Payload payload) {
      into.add(payload);
      return;
    }
    for (var field : message.getAllFields().entrySet()) {
      Object value = field.getValue();
      if (value instanceof List<?> list) {
        list.forEach(v -> collectValue(v, into));
      } else {
        collectValue(value, into);
      }
    }
  }

  private static void collectValue(Object value, List<Payload> into) {
    if (value instanceof com.google.protobuf.Message m) {
      collect(m, into);
    }
  }
}
