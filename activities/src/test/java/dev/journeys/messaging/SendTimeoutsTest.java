package dev.journeys.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.channel.ChannelSender;
import dev.journeys.channel.email.EmailProperties;
import dev.journeys.channel.email.SmtpEmailChannel;
import dev.journeys.channel.sms.HttpSmsChannel;
import dev.journeys.channel.sms.SmsProperties;
import dev.journeys.channel.webhook.WebhookChannel;
import dev.journeys.channel.webhook.WebhookProperties;
import dev.journeys.journey.JourneyActivityOptions;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The send activity's start-to-close timeout outlasts every attempt's lease, with the channel
 * timeouts the worker ships with: Temporal never starts a second attempt that could only find the
 * first still holding the send (and never times out an attempt that is still within its channel's
 * own timeouts).
 */
class SendTimeoutsTest {

  @Test
  void theSendActivityOutlastsEveryChannelsLongestAttempt() {
    var smtp = new JavaMailSenderImpl();
    var props = new Properties();
    // as journeys-worker.yml sets them
    props.put("mail.smtp.connectiontimeout", "10000");
    props.put("mail.smtp.timeout", "10000");
    props.put("mail.smtp.writetimeout", "10000");
    smtp.setJavaMailProperties(props);
    List<ChannelSender> channels =
        List.of(
            new SmtpEmailChannel(smtp, new EmailProperties("shop@shop.test", "shop.test")),
            new HttpSmsChannel(
                new SmsProperties(
                    URI.create("http://127.0.0.1:1"),
                    "AC1",
                    "t",
                    "+15550000000",
                    Duration.ofSeconds(10)),
                new ObjectMapper()),
            new WebhookChannel(
                new WebhookProperties(
                    URI.create("http://127.0.0.1:1/hook"), "secret", Duration.ofSeconds(10)),
                new ObjectMapper(),
                Clock.systemUTC()));
    Duration margin =
        new DeliveryProperties(null, null, null, Duration.ofSeconds(15)).leaseMargin();
    Duration startToClose = JourneyActivityOptions.defaults().send().getStartToCloseTimeout();

    for (ChannelSender channel : channels) {
      assertThat(startToClose)
          .as("send start-to-close vs the %s lease", channel.channel())
          .isGreaterThan(channel.longestAttempt().plus(margin));
    }
  }

  @Test
  void aLostSendAttemptIsRetriedAfterTheHeartbeatTimeoutNotTheWholeStartToClose() {
    var send = JourneyActivityOptions.defaults().send();

    assertThat(send.getHeartbeatTimeout())
        .isEqualTo(JourneyActivityOptions.SEND_HEARTBEAT_TIMEOUT)
        .isLessThan(send.getStartToCloseTimeout())
        // the SDK sends one beat per 0.8 x the timeout: a fifth of it is left for a slow machine
        .isGreaterThanOrEqualTo(AttemptHeartbeat.EVERY.multipliedBy(10));
  }

  @Test
  void anSmtpSendWithoutConfiguredTimeoutsIsBoundedAnyway() {
    var smtp = new JavaMailSenderImpl();

    var channel = new SmtpEmailChannel(smtp, new EmailProperties("shop@shop.test", "shop.test"));

    assertThat(smtp.getJavaMailProperties())
        .containsKeys("mail.smtp.timeout", "mail.smtp.connectiontimeout", "mail.smtp.writetimeout");
    assertThat(channel.longestAttempt()).isLessThan(Duration.ofMinutes(3));
  }
}
