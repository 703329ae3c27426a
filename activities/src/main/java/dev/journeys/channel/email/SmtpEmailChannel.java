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
import java.util.HexFormat;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Email over SMTP. The Message-ID is derived from the idempotency key, so a resend after a lost
 * SMTP reply carries the same id and receiving systems can tell it is the same message.
 */
public class SmtpEmailChannel implements ChannelSender {

  private final JavaMailSender mail;
  private final EmailProperties properties;

  public SmtpEmailChannel(JavaMailSender mail, EmailProperties properties) {
    this.mail = mail;
    this.properties = properties;
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
