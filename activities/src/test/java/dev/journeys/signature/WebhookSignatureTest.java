package dev.journeys.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

  final WebhookSignature signature = new WebhookSignature("secret-1");
  final Instant now = Instant.parse("2026-11-23T12:00:00Z");
  final long ts = now.getEpochSecond();
  final String body = "{\"id\":\"k1\"}";

  @Test
  void acceptsTheSignatureOfTheRawBody() {
    String header = signature.sign(ts, body);

    assertThat(header).matches("v1=[0-9a-f]{64}");
    assertThat(signature.isValid(Long.toString(ts), header, body, now)).isTrue();
  }

  @Test
  void rejectsATamperedBodyOrAnotherSecret() {
    String header = signature.sign(ts, body);

    assertThat(signature.isValid(Long.toString(ts), header, "{\"id\":\"k2\"}", now)).isFalse();
    assertThat(new WebhookSignature("secret-2").isValid(Long.toString(ts), header, body, now))
        .isFalse();
  }

  @Test
  void rejectsAReplayOlderThanFiveMinutes() {
    String header = signature.sign(ts, body);

    assertThat(signature.isValid(Long.toString(ts), header, body, now.plus(Duration.ofMinutes(4))))
        .isTrue();
    assertThatThrownBy(
            () ->
                signature.verify(Long.toString(ts), header, body, now.plus(Duration.ofMinutes(6))))
        .isInstanceOfSatisfying(
            WebhookSignature.InvalidSignatureException.class,
            e -> assertThat(e.rejection()).isEqualTo(WebhookSignature.Rejection.STALE_TIMESTAMP));
  }

  @Test
  void rejectsATimestampThatWasNotSigned() {
    String header = signature.sign(ts, body);

    assertThat(signature.isValid(Long.toString(ts + 1), header, body, now)).isFalse();
    assertThat(signature.isValid("yesterday", header, body, now)).isFalse();
    assertThat(signature.isValid(null, header, body, now)).isFalse();
  }

  @Test
  void acceptsAnyOfSeveralSignaturesDuringSecretRotation() {
    String header = new WebhookSignature("old").sign(ts, body) + ", " + signature.sign(ts, body);

    assertThat(signature.isValid(Long.toString(ts), header, body, now)).isTrue();
  }
}
