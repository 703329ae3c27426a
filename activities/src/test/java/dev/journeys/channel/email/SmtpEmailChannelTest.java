package dev.journeys.channel.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.journeys.channel.OutboundMessage;
import dev.journeys.channel.PermanentDeliveryFailure;
import dev.journeys.content.RenderedMessage;
import dev.journeys.messaging.Topic;
import dev.journeys.testsupport.TestSmtp;
import jakarta.mail.internet.MimeMultipart;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** The SMTP adapter against a real SMTP server on loopback (GreenMail), without Spring. */
class SmtpEmailChannelTest {

  static final com.icegreen.greenmail.util.ServerSetup SMTP = TestSmtp.onFreePort();

  @RegisterExtension static GreenMailExtension smtp = new GreenMailExtension(SMTP);

  private static final EmailProperties PROPERTIES =
      new EmailProperties("Shop <shop@journeys.test>", "journeys.test");

  private static final RenderedMessage CONTENT =
      new RenderedMessage("Your cart is waiting", "Plain text", "<p>HTML</p>");

  @Test
  void sendsMultipartMailWithTheSendersAddressAndTheRequestedHeaders() throws Exception {
    var channel = new SmtpEmailChannel(mailer(SMTP.getPort()), PROPERTIES);
    var message =
        new OutboundMessage(
            "k-mail-1",
            "ada@shop.test",
            Topic.MARKETING,
            CONTENT,
            "ada",
            Map.of("List-Unsubscribe", "<https://shop.test/u?token=t>"));

    String providerId = channel.send(message);

    var received = smtp.getReceivedMessages();
    assertThat(received).hasSize(1);
    var mail = received[0];
    assertThat(mail.getFrom()[0].toString()).isEqualTo("Shop <shop@journeys.test>");
    assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("ada@shop.test");
    assertThat(mail.getSubject()).isEqualTo("Your cart is waiting");
    assertThat(mail.getContent()).isInstanceOf(MimeMultipart.class);
    assertThat(mail.getHeader("List-Unsubscribe", null)).isEqualTo("<https://shop.test/u?token=t>");
    assertThat(providerId).matches("<[0-9a-f]{32}@journeys\\.test>");
    assertThat(mail.getMessageID()).isEqualTo(providerId);
  }

  @Test
  void aResendOfTheSameSendCarriesTheSameMessageIdAndAnotherSendAnother() throws Exception {
    var channel = new SmtpEmailChannel(mailer(SMTP.getPort()), PROPERTIES);

    String first = channel.send(message("k-mail-2"));
    String again = channel.send(message("k-mail-2"));
    String other = channel.send(message("k-mail-3"));

    assertThat(again).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
    assertThat(smtp.getReceivedMessages())
        .extracting(m -> m.getMessageID())
        .containsExactly(first, first, other);
  }

  @Test
  void anUnreachableServerIsRetriedNotAPermanentFailure() {
    int closedPort = TestSmtp.onFreePort().getPort();
    var channel = new SmtpEmailChannel(mailer(closedPort), PROPERTIES);

    assertThatThrownBy(() -> channel.send(message("k-mail-4")))
        .isInstanceOf(MailSendException.class)
        .isNotInstanceOf(PermanentDeliveryFailure.class);
  }

  private static OutboundMessage message(String key) {
    return new OutboundMessage(key, "bo@shop.test", Topic.MARKETING, CONTENT);
  }

  private static JavaMailSenderImpl mailer(int port) {
    var sender = new JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(port);
    sender.getJavaMailProperties().put("mail.smtp.connectiontimeout", "2000");
    sender.getJavaMailProperties().put("mail.smtp.timeout", "2000");
    return sender;
  }
}
