package dev.journeys.channel.sms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.channel.ChannelSender;
import dev.journeys.channel.OutboundMessage;
import dev.journeys.channel.PermanentDeliveryFailure;
import dev.journeys.channel.ProviderHttp;
import dev.journeys.messaging.Channel;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * SMS through an HTTP provider with Twilio's Messages API shape: a form-encoded POST with basic
 * auth, answered with the message SID. 429 (after its Retry-After), 5xx and I/O errors are retried;
 * other 4xx answers are permanent refusals, named by Twilio's error code where it says something
 * the journey can act on (unsubscribed, not a mobile number).
 *
 * <p>Twilio's Messages API takes no idempotency key ({@code I-Twilio-Idempotency-Token} is a header
 * Twilio sends on its own webhooks, not one it honours on requests), so none is sent: a resend
 * after a lost answer is a second SMS. What the send activity does about that is the channel's
 * delivery semantics.
 */
public class HttpSmsChannel implements ChannelSender {

  private final SmsProperties properties;
  private final ProviderHttp http;
  private final ObjectMapper json;

  public HttpSmsChannel(SmsProperties properties, ObjectMapper json) {
    this(properties, json, Clock.systemUTC());
  }

  public HttpSmsChannel(SmsProperties properties, ObjectMapper json, Clock clock) {
    this.properties = properties;
    this.json = json;
    this.http = new ProviderHttp("SMS provider", properties.timeout(), clock);
  }

  @Override
  public Channel channel() {
    return Channel.SMS;
  }

  @Override
  public java.time.Duration longestAttempt() {
    return http.longestCall();
  }

  @Override
  public String send(OutboundMessage message) throws PermanentDeliveryFailure {
    if (!PhoneNumbers.isE164(message.recipient())) {
      throw new PermanentDeliveryFailure(
          "invalid_number", "'" + message.recipient() + "' is not an E.164 number");
    }
    if (properties.baseUrl() == null) {
      throw new IllegalStateException(
          "no SMS provider configured: set journeys.channels.sms.base-url");
    }
    Map<String, String> form = new LinkedHashMap<>();
    form.put("To", message.recipient());
    form.put("From", properties.from());
    form.put("Body", message.content().text());
    URI uri =
        properties
            .baseUrl()
            .resolve("/2010-04-01/Accounts/" + properties.accountSid() + "/Messages.json");
    String credentials =
        Base64.getEncoder()
            .encodeToString(
                (properties.accountSid() + ":" + properties.authToken())
                    .getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        http.request(uri)
            .header("Authorization", "Basic " + credentials)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
            .build();
    ProviderHttp.Response response = http.send(request);
    if (response.ok()) {
      return field(response.body(), "sid");
    }
    throw new PermanentDeliveryFailure(
        reason(response.body()),
        "SMS provider answered " + response.status() + ": " + response.body());
  }

  /** Twilio error codes a journey can act on; anything else is a plain refusal. */
  private String reason(String body) {
    int code;
    try {
      code = json.readTree(body).path("code").asInt(0);
    } catch (IOException notJson) {
      return "provider_rejected";
    }
    return switch (code) {
      case 21610 -> "unsubscribed"; // the recipient replied STOP
      case 21614 -> "not_mobile";
      case 21408, 21612 -> "unreachable_destination";
      default -> "provider_rejected";
    };
  }

  private String field(String body, String name) {
    try {
      JsonNode node = json.readTree(body).get(name);
      if (node == null || node.asText().isBlank()) {
        throw new IllegalStateException("SMS provider answer has no " + name + ": " + body);
      }
      return node.asText();
    } catch (IOException e) {
      throw new IllegalStateException("SMS provider answer is not JSON: " + body, e);
    }
  }

  private static String encode(Map<String, String> form) {
    return form.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
