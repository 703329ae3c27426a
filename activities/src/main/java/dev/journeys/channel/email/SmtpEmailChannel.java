package dev.journeys.channel.email;

import dev.journeys.channel.ChannelSender;
import dev.journeys.channel.OutboundMessage;
import dev.journeys.channel.PermanentDeliveryFailure;
import dev.journeys.messaging.Channel;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Properties;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Email over SMTP. The Message-ID is derived from the idempotency key, so a resend after a lost
 * SMTP reply carries the same id and receiving systems can tell it is the same message (SMTP has no
 * idempotency: the relay accepts the repeat; mailbox providers and clients may thread or drop it).
 * Every SMTP wait is bounded, so an attempt's longest run is known.
 */
public class SmtpEmailChannel implements ChannelSender {

  private final JavaMailSender mail;
  private final EmailProperties properties;

  /** Applied where {@code spring.mail.properties} sets none: Jakarta Mail waits forever. */
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /** Server answers one SMTP send may wait for: greeting, EHLO, STARTTLS, AUTH, MAIL, RCPT, ... */
  private static final int ROUND_TRIPS = 12;

  private final Duration longestAttempt;

  public SmtpEmailChannel(JavaMailSender mail, EmailProperties properties) {
    this.mail = mail;
    this.properties = properties;
    this.longestAttempt = bounded(mail);
  }

  /**
   * Makes every SMTP wait bounded (connect, each read, each write) and returns the longest a send
   * can then take. Set before the first send, when the mail session is created from these
   * properties.
   */
  private static Duration bounded(JavaMailSender mail) {
    if (!(mail instanceof JavaMailSenderImpl impl)) {
      return Duration.ofMinutes(2);
    }
    Properties props = impl.getJavaMailProperties();
    long connect = millis(props, "mail.smtp.connectiontimeout");
    long read = millis(props, "mail.smtp.timeout");
    long write = millis(props, "mail.smtp.writetimeout");
    // once the server has answered 250 to DATA the message is accepted; waiting for its answer to
    // QUIT only lets a slow answer (a loaded server, a read timeout) turn an accepted message into
    // a failed attempt, which the send activity would resend or give up on as uncertain
    props.putIfAbsent("mail.smtp.quitwait", "false");
    return Duration.ofMillis(connect + ROUND_TRIPS * Math.max(read, write));
  }

  private static long millis(Properties props, String key) {
    Object value = props.get(key);
    if (value == null) {
      props.put(key, Long.toString(DEFAULT_TIMEOUT.toMillis()));
      return DEFAULT_TIMEOUT.toMillis();
    }
    return Long.parseLong(value.toString().strip());
  }

  @Override
  public Duration longestAttempt() {
    return longestAttempt;
  }

  @Override
  public Channel channel() {
    return Channel.EMAIL;
  }

  @Override
  public String send(OutboundMessage message) throws PermanentDeliveryFailure {
    String messageId =
        "<" + digest(message.idempotencyKey()) + "@" + properties.messageIdDomain() + ">";
    MimeMessage mime = new FixedIdMimeMessage(mail.createMimeMessage(), messageId);
    try {
      var helper = new MimeMessageHelper(mime, message.content().html() != null, "UTF-8");
      helper.setFrom(properties.from());
      helper.setTo(message.recipient());
      helper.setSubject(message.content().subject());
      if (message.content().html() != null) {
        helper.setText(message.content().text(), message.content().html());
      } else {
        helper.setText(message.content().text());
      }
      for (var header : message.headers().entrySet()) {
        mime.setHeader(header.getKey(), header.getValue());
      }
    } catch (MessagingException e) {
      throw new PermanentDeliveryFailure("invalid_message", e.getMessage());
    }
    try {
      mail.send(mime);
    } catch (MailSendException e) {
      // a recipient refused by the server (5xx on RCPT) will be refused again
      if (e.getMessageExceptions().length > 0
          && e.getMessageExceptions()[0] instanceof SendFailedException refused
          && refused.getInvalidAddresses() != null
          && refused.getInvalidAddresses().length > 0) {
        throw new PermanentDeliveryFailure("invalid_address", refused.getMessage());
      }
      throw e;
    }
    return messageId;
  }

  private static String digest(String key) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Jakarta Mail assigns a random Message-ID on save; ours must stay. */
  private static final class FixedIdMimeMessage extends MimeMessage {
    private final String messageId;

    FixedIdMimeMessage(MimeMessage template, String messageId) {
      super((Session) template.getSession());
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }
}
