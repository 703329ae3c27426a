package dev.journeys.channel.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journeys.messaging.Channel;
import dev.journeys.messaging.SendOutcome;
import dev.journeys.messaging.Topic;
import dev.journeys.testsupport.ChannelAdapterTestSupport;
import dev.journeys.testsupport.ProviderStub.Answer;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Twilio-shaped SMS adapter's error classification: rate limits honour Retry-After, an
 * unsubscribed recipient fails for good.
 */
class HttpSmsChannelTest extends ChannelAdapterTestSupport {

  @Test
  void smsRateLimitHonoursRetryAfterAndUnsubscribedIsPermanent() throws Exception {
    customer("s1");
    provider.answer(
        r ->
            Answer.json(429, "{\"code\":20429,\"message\":\"Too Many Requests\"}")
                .withHeader("Retry-After", "7"));
    assertThatThrownBy(() -> sends.send(request("s1", "k-s1", Channel.SMS, Topic.MARKETING)))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> assertThat(f.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(7)));

    provider.answer(
        r ->
            Answer.json(
                400, "{\"code\":21610,\"message\":\"Attempt to send to unsubscribed recipient\"}"));
    var outcome = sends.send(request("s1", "k-s1", Channel.SMS, Topic.MARKETING));

    assertThat(outcome).isEqualTo(new SendOutcome.Failed(Channel.SMS, "unsubscribed"));
    var form =
        Arrays.stream(provider.last().body().split("&"))
            .map(p -> p.split("=", 2))
            .collect(
                Collectors.toMap(
                    p -> p[0],
                    p ->
                        java.net.URLDecoder.decode(p[1], java.nio.charset.StandardCharsets.UTF_8)));
    assertThat(form).containsEntry("To", "+15551230001");
    assertThat(ledger.find("k-s1").orElseThrow().attempts()).isEqualTo(2);
  }
}
