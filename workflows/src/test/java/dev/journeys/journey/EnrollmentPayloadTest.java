package dev.journeys.journey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.event.CustomerEvent;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DefaultDataConverter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The enrollment as Temporal stores it: recorded histories hold enrollments written before {@code
 * earlierEvents} existed, and they must still be read.
 */
class EnrollmentPayloadTest {

  private final DefaultDataConverter converter = DefaultDataConverter.newDefaultInstance();

  @Test
  void anEnrollmentRecordedBeforeEarlierEventsExistedReadsWithNone() {
    String recorded =
        """
        {"journey":"post-purchase","customerId":"ann",
         "trigger":{"eventId":"o-1","customerId":"ann","type":"order_placed",
                    "occurredAt":"2026-11-23T10:00:00Z","properties":{"orderId":"A-1"}},
         "carryover":null}""";

    Enrollment enrollment = read(recorded);

    assertThat(enrollment.trigger().eventId()).isEqualTo("o-1");
    assertThat(enrollment.earlierEvents()).isEmpty();
  }

  @Test
  void earlierEventsSurviveTheRoundTrip() {
    var trigger = event("o-1", "order_placed");
    var shipped = event("s-1", "order_shipped");
    var enrollment =
        Enrollment.withEarlierEvents("post-purchase", "ann", trigger, List.of(shipped));

    Enrollment read =
        converter.fromPayload(
            converter.toPayload(enrollment).orElseThrow(), Enrollment.class, Enrollment.class);

    assertThat(read).isEqualTo(enrollment);
    assertThat(read.earlierEvents()).containsExactly(shipped);
  }

  @Test
  void continuingAsNewDoesNotHandOverTheEarlierEventsTwice() {
    var enrollment =
        Enrollment.withEarlierEvents(
            "post-purchase",
            "ann",
            event("o-1", "order_placed"),
            List.of(event("s-1", "order_shipped")));

    var next =
        enrollment.continuedWith(
            new JourneyCarryover(
                "wait", List.of(), Map.of(), List.of(), Map.of(), Map.of(), List.of(), null));

    assertThat(next.earlierEvents()).isEmpty();
    assertThat(next.carryover()).isNotNull();
  }

  private Enrollment read(String json) {
    var payload =
        Payload.newBuilder()
            .putMetadata("encoding", com.google.protobuf.ByteString.copyFromUtf8("json/plain"))
            .setData(com.google.protobuf.ByteString.copyFrom(json, StandardCharsets.UTF_8))
            .build();
    return converter.fromPayload(payload, Enrollment.class, Enrollment.class);
  }

  private static CustomerEvent event(String id, String type) {
    return new CustomerEvent(
        id, "ann", type, Instant.parse("2026-11-23T10:00:00Z"), Map.of("orderId", "A-1"));
  }
}
