package dev.journeys.api.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.journeys.messaging.Channel;
import dev.journeys.receipt.MessageReceipt;
import dev.journeys.receipt.ReceiptStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns each provider's callback payload into receipts (and inbound messages, for Meta). */
final class ReceiptParsers {

  /** A customer wrote to us: opens the 24-hour service window on that channel. */
  record Inbound(Channel channel, String address, Instant at) {}

  record Parsed(List<MessageReceipt> receipts, List<Inbound> inbound) {}

  private ReceiptParsers() {}

  /** Twilio's status callback: {@code MessageSid}, {@code MessageStatus}, {@code ErrorCode}. */
  static Parsed twilio(Map<String, String> form, Instant now) {
    String sid = form.get("MessageSid");
    String status = form.getOrDefault("MessageStatus", "");
    ReceiptStatus mapped =
        switch (status) {
          case "delivered" -> ReceiptStatus.DELIVERED;
          case "read" -> ReceiptStatus.READ;
          case "undelivered", "failed" -> ReceiptStatus.FAILED;
          default -> null; // queued, sending, sent: nothing to record yet
        };
    if (sid == null || mapped == null) {
      return new Parsed(List.of(), List.of());
    }
    return new Parsed(
        List.of(new MessageReceipt("twilio", sid, mapped, form.get("ErrorCode"), now)), List.of());
  }

  /**
   * Meta's webhooks: WhatsApp ({@code whatsapp_business_account}: {@code statuses} and {@code
   * messages}) and the Messenger/Instagram Send API ({@code page}/{@code instagram}: {@code
   * messaging} with {@code delivery}, {@code read} and {@code message}).
   */
  static Parsed meta(JsonNode payload, Instant now) {
    List<MessageReceipt> receipts = new ArrayList<>();
    List<Inbound> inbound = new ArrayList<>();
    String object = payload.path("object").asText();
    for (JsonNode entry : payload.path("entry")) {
      for (JsonNode change : entry.path("changes")) {
        JsonNode value = change.path("value");
        for (JsonNode status : value.path("statuses")) {
          ReceiptStatus mapped =
              switch (status.path("status").asText()) {
                case "delivered" -> ReceiptStatus.DELIVERED;
                case "read" -> ReceiptStatus.READ;
                case "failed" -> ReceiptStatus.FAILED;
                default -> null;
              };
          if (mapped != null && status.hasNonNull("id")) {
            JsonNode error = status.path("errors").path(0);
            receipts.add(
                new MessageReceipt(
                    "meta",
                    status.path("id").asText(),
                    mapped,
                    error.isMissingNode() ? null : error.path("code").asText(),
                    epochSeconds(status.path("timestamp"), now)));
          }
        }
        for (JsonNode message : value.path("messages")) {
          if (message.hasNonNull("from")) {
            inbound.add(
                new Inbound(
                    Channel.WHATSAPP,
                    "+" + message.path("from").asText(),
                    epochSeconds(message.path("timestamp"), now)));
          }
        }
      }
      Channel channel = "instagram".equals(object) ? Channel.INSTAGRAM : Channel.MESSENGER;
      for (JsonNode event : entry.path("messaging")) {
        Instant at = epochMillis(event.path("timestamp"), now);
        for (JsonNode mid : event.path("delivery").path("mids")) {
          receipts.add(new MessageReceipt("meta", mid.asText(), ReceiptStatus.DELIVERED, null, at));
        }
        if (event.path("read").hasNonNull("mid")) {
          receipts.add(
              new MessageReceipt(
                  "meta", event.path("read").path("mid").asText(), ReceiptStatus.READ, null, at));
        }
        if (event.has("message") && !event.path("message").path("is_echo").asBoolean(false)) {
          inbound.add(new Inbound(channel, event.path("sender").path("id").asText(), at));
        }
      }
    }
    return new Parsed(receipts, inbound);
  }

  /**
   * The email provider's callback, normalised (SES-like): {@code messageId}, {@code event} ({@code
   * delivered}, {@code bounce}, {@code complaint}, {@code failed}, {@code open}), {@code
   * bounceType} ({@code Permanent} or {@code Transient}), {@code occurredAt}. A transient bounce
   * changes nothing: the provider is still trying.
   */
  static Parsed email(JsonNode payload, Instant now) {
    String messageId = payload.path("messageId").asText(null);
    // we record the Message-ID header with its angle brackets; some providers drop them
    if (messageId != null && messageId.contains("@") && !messageId.startsWith("<")) {
      messageId = "<" + messageId + ">";
    }
    ReceiptStatus mapped =
        switch (payload.path("event").asText()) {
          case "delivered" -> ReceiptStatus.DELIVERED;
          case "open" -> ReceiptStatus.READ;
          case "complaint" -> ReceiptStatus.COMPLAINED;
          case "failed", "reject" -> ReceiptStatus.FAILED;
          case "bounce" ->
              "Permanent".equalsIgnoreCase(payload.path("bounceType").asText())
                  ? ReceiptStatus.BOUNCED
                  : null;
          default -> null;
        };
    if (messageId == null || mapped == null) {
      return new Parsed(List.of(), List.of());
    }
    Instant at = now;
    if (payload.hasNonNull("occurredAt")) {
      try {
        at = Instant.parse(payload.path("occurredAt").asText());
      } catch (java.time.format.DateTimeParseException unreadable) {
        at = now;
      }
    }
    String reason = payload.hasNonNull("bounceType") ? payload.path("bounceType").asText() : null;
    return new Parsed(
        List.of(new MessageReceipt("email", messageId, mapped, reason, at)), List.of());
  }

  private static Instant epochSeconds(JsonNode node, Instant fallback) {
    long seconds = node.asLong(0);
    return seconds > 0 ? Instant.ofEpochSecond(seconds) : fallback;
  }

  private static Instant epochMillis(JsonNode node, Instant fallback) {
    long millis = node.asLong(0);
    return millis > 0 ? Instant.ofEpochMilli(millis) : fallback;
  }
}
