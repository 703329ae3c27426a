package dev.journeys.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.util.JsonFormat;
import dev.journeys.codec.AesGcmPayloadCodec;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On the real Temporal dev server with payload encryption on in the API and the worker: a journey
 * runs end to end (its mail arrives), its history is ciphertext that the codec endpoint decodes,
 * and erasing the customer finds the running enrollment by its search attribute, terminates it and
 * deletes its history.
 */
class DataRightsEndToEndTest {

  private static final String CODEC_KEY =
      Base64.getEncoder()
          .encodeToString("e2e-codec-key-0123456789abcdef!!".getBytes(StandardCharsets.US_ASCII));

  private static RunningStack stack;

  private final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  static void startTheSystem() {
    stack =
        RunningStack.start(
            api -> api.put("journeys.codec.key", CODEC_KEY),
            (worker, apiUrl) -> {
              worker.put("journeys.codec.key", CODEC_KEY);
              worker.put("journeys.abandoned-cart.reminder-delay", "PT2S");
              // still running, waiting for its last call, when the customer is erased
              worker.put("journeys.abandoned-cart.last-call-delay", "PT1H");
            });
  }

  @AfterAll
  static void stopTheSystem() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void anEncryptedJourneyRunsIsDecodableAndIsErasedWithItsHistory() throws Exception {
    stack.putCustomer("ida", "ida@shop.test", null);
    stack.postEvent("e2e-ida-cart", "ida", "cart_abandoned");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> stack.mailTo("ida@shop.test"), mails -> !mails.isEmpty());

    String workflowId = "journey/abandoned-cart/ida";
    List<Payload> payloads = new ArrayList<>();
    stack
        .temporalClient()
        .fetchHistory(workflowId)
        .getHistory()
        .getEventsList()
        .forEach(e -> collect(e, payloads));
    // in the clear by design: search attributes (the server indexes them: CustomerId, Journey)
    // and the SDK's version markers (change ids); everything else is ciphertext
    var clear =
        payloads.stream()
            .filter(p -> !AesGcmPayloadCodec.isEncrypted(p))
            .filter(p -> !p.getMetadataMap().containsKey("type"))
            .map(p -> p.getData().toStringUtf8())
            .toList();
    assertThat(payloads.stream().filter(AesGcmPayloadCodec::isEncrypted).count())
        .isGreaterThanOrEqualTo(5);
    assertThat(clear).allSatisfy(data -> assertThat(data).doesNotContain("ida", "59.90", "@"));
    assertThat(payloads)
        .allSatisfy(
            p -> assertThat(p.toByteString().toStringUtf8()).doesNotContain("59.90", "ida@"));

    var encrypted = payloads.stream().filter(AesGcmPayloadCodec::isEncrypted).toList();
    var decoded =
        stack.post(
            "/codec/decode",
            JsonFormat.printer().print(Payloads.newBuilder().addAllPayloads(encrypted).build()));
    assertThat(decoded.statusCode()).as(decoded.body()).isEqualTo(200);
    assertThat(decoded.body()).doesNotContain(b64(AesGcmPayloadCodec.ENCODING));
    StringBuilder plain = new StringBuilder();
    json.readTree(decoded.body())
        .path("payloads")
        .forEach(
            p -> plain.append(new String(Base64.getDecoder().decode(p.path("data").asText()))));
    assertThat(plain).contains("59.90");

    var erased = stack.delete("/v1/customers/ida");

    assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
    JsonNode report = json.readTree(erased.body());
    assertThat(report.at("/removed/enrollmentsTerminated").asInt()).isEqualTo(1);
    assertThat(report.at("/removed/historiesDeleted").asInt()).isGreaterThanOrEqualTo(1);
    // the dev server deletes a history in the background: under load that takes a while
    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () ->
                assertThatThrownBy(
                        () -> stack.temporalClient().newUntypedWorkflowStub(workflowId).describe())
                    .satisfies(e -> assertThat(causes(e)).containsIgnoringCase("not found")));
    assertThat(stack.get("/v1/customers/ida/export").statusCode()).isEqualTo(404);
    assertThat(stack.ledgerRows("ida")).isZero();
  }

  private static String causes(Throwable e) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      all.append(t).append('\n');
    }
    return all.toString();
  }

  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static void collect(com.google.protobuf.Message message, List<Payload> into) {
    if (message instanceof Payload payload) {
      into.add(payload);
      return;
    }
    for (var field : message.getAllFields().entrySet()) {
      Object value = field.getValue();
      for (Object v : value instanceof List<?> list ? list : List.of(value)) {
        if (v instanceof com.google.protobuf.Message m) {
          collect(m, into);
        }
      }
    }
  }
}
