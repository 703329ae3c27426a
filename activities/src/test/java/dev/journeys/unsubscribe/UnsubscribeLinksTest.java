package dev.journeys.unsubscribe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.messaging.Channel;
import dev.journeys.messaging.Topic;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class UnsubscribeLinksTest {

  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  private static final UnsubscribeProperties PROPERTIES =
      new UnsubscribeProperties("https://shop.test/", "secret", Duration.ofDays(60));

  private final UnsubscribeLinks links =
      new UnsubscribeLinks(PROPERTIES, Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void aSignedLinkVerifiesToWhatItWasSignedFor() {
    String link = links.linkFor("ada", Channel.EMAIL, Topic.REVIEWS).orElseThrow();

    assertThat(link).startsWith("https://shop.test/v1/unsubscribe?token=");
    assertThat(links.verify(link.substring(link.indexOf("token=") + 6)))
        .contains(
            new UnsubscribeLinks.Unsubscribe(
                "ada", Channel.EMAIL, Topic.REVIEWS, NOW.plus(Duration.ofDays(60))));
  }

  @Test
  void refusesExpiredForgedOrForeignTokens() {
    String expired = links.token("ada", Channel.EMAIL, Topic.MARKETING, NOW.minusSeconds(1));
    String valid = links.token("ada", Channel.EMAIL, Topic.MARKETING, NOW.plusSeconds(60));
    String otherKey =
        new UnsubscribeLinks(
                new UnsubscribeProperties("https://shop.test", "other", Duration.ofDays(1)),
                Clock.fixed(NOW, ZoneOffset.UTC))
            .token("ada", Channel.EMAIL, Topic.MARKETING, NOW.plusSeconds(60));
    // the same signature on a payload for someone else
    String forBob =
        java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                    ("bob\nEMAIL\nMARKETING\n" + NOW.plusSeconds(60).getEpochSecond()).getBytes())
            + valid.substring(valid.indexOf('.'));

    assertThat(links.verify(valid)).isPresent();
    assertThat(links.verify(expired)).isEmpty();
    assertThat(links.verify(otherKey)).isEmpty();
    assertThat(links.verify(forBob)).isEmpty();
    assertThat(links.verify("garbage")).isEmpty();
    assertThat(links.verify("a.b.c")).isEmpty();
  }

  @Test
  void signsNothingWithoutASecret() {
    var unconfigured =
        new UnsubscribeLinks(
            new UnsubscribeProperties(null, null, Duration.ofDays(1)), Clock.systemUTC());
    assertThat(unconfigured.linkFor("ada", Channel.EMAIL, Topic.MARKETING)).isEmpty();
  }

  @Test
  void aRotatedKeyStillVerifiesTheLinksItSignedUntilItIsDropped() {
    var clock = Clock.fixed(NOW, ZoneOffset.UTC);
    var before =
        new UnsubscribeLinks(
            new UnsubscribeProperties("https://shop.test", "old-secret", Duration.ofDays(60)),
            clock);
    String oldToken = before.token("ada", Channel.EMAIL, Topic.MARKETING, NOW.plusSeconds(60));
    var rotated =
        new UnsubscribeLinks(
            new UnsubscribeProperties(
                "https://shop.test",
                "new-secret",
                Duration.ofDays(60),
                "2",
                java.util.Map.of("1", "old-secret")),
            clock);
    var dropped =
        new UnsubscribeLinks(
            new UnsubscribeProperties(
                "https://shop.test", "new-secret", Duration.ofDays(60), "2", java.util.Map.of()),
            clock);
    String newToken = rotated.token("bob", Channel.SMS, Topic.MARKETING, NOW.plusSeconds(60));

    assertThat(payload(oldToken)).startsWith("1\nada\n");
    assertThat(payload(newToken)).startsWith("2\nbob\n");
    assertThat(rotated.verify(oldToken)).map(u -> u.customerId()).contains("ada");
    assertThat(rotated.verify(newToken)).map(u -> u.customerId()).contains("bob");
    assertThat(dropped.verify(oldToken)).isEmpty();
    assertThat(before.verify(newToken)).isEmpty();
  }

  @Test
  void aTokenCannotPickAnotherKeyThanTheOneThatSignedIt() {
    String signedWithOne = links.token("ada", Channel.EMAIL, Topic.MARKETING, NOW.plusSeconds(60));
    String payload = payload(signedWithOne).replaceFirst("^1\n", "2\n");
    String relabelled =
        java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8))
            + signedWithOne.substring(signedWithOne.indexOf('.'));
    var withTwoKeys =
        new UnsubscribeLinks(
            new UnsubscribeProperties(
                "https://shop.test",
                "secret",
                Duration.ofDays(60),
                "1",
                java.util.Map.of("2", "x")),
            Clock.fixed(NOW, ZoneOffset.UTC));

    assertThat(withTwoKeys.verify(signedWithOne)).isPresent();
    assertThat(withTwoKeys.verify(relabelled)).isEmpty();
  }

  @Test
  void acceptsTokensSignedBeforeKeyIdsWithAnyKnownKey() throws Exception {
    // a link from a mail sent before the upgrade: four lines, HMAC with the then only secret
    String legacyPayload = "ada\nEMAIL\nMARKETING\n" + NOW.plusSeconds(60).getEpochSecond();
    var mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec("old-secret".getBytes(), "HmacSHA256"));
    var b64 = java.util.Base64.getUrlEncoder().withoutPadding();
    String legacy =
        b64.encodeToString(legacyPayload.getBytes())
            + "."
            + b64.encodeToString(mac.doFinal(legacyPayload.getBytes()));
    var rotated =
        new UnsubscribeLinks(
            new UnsubscribeProperties(
                "https://shop.test",
                "new-secret",
                Duration.ofDays(60),
                "2",
                java.util.Map.of("1", "old-secret")),
            Clock.fixed(NOW, ZoneOffset.UTC));

    assertThat(rotated.verify(legacy)).map(u -> u.customerId()).contains("ada");
    assertThat(links.verify(legacy)).isEmpty();
  }

  private static String payload(String token) {
    return new String(
        java.util.Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
        java.nio.charset.StandardCharsets.UTF_8);
  }
}
