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
}
