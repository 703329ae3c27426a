package dev.journeys.channel.sms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.channel.ChannelSender;
import dev.journeys.channel.OutboundMessage;
import dev.journeys.channel.PermanentDeliveryFailure;
import dev.journeys.messaging.Channel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * SMS through an HTTP provider with Twilio's Messages API shape: a form-encoded POST with basic
 * auth, answered with the message SID. 4xx answers other than 429 are permanent refusals; 429,
 * 5xx and I/O errors are retried.
 */
public class HttpSmsChannel implements ChannelSender {

  private final SmsProperties properties;
  private final HttpClient http;
  private final ObjectMapper json;

  public HttpSmsChannel(SmsProperties properties, ObjectMapper json) {
    this.properties = properties;
    this.json = json;
    this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
  }

  @Override
  public Channel channel() {
    return Channel.SMS;
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
        HttpRequest.newBuilder(uri)
            .timeout(properties.timeout())
            .header("Authorization", "Basic " + credentials)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .header("I-Twilio-Idempotency-Token", message.idempotencyKey())
            .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException("SMS provider unreachable at " + uri, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending SMS", e);
    }
    int status = response.statusCode();
    if (status == 200 || status == 201) {
      return field(response.body(), "sid");
    }
    if (status == 429 || status >= 500) {
      throw new IllegalStateException(
          "SMS provider answered " + status + " (will retry): " + response.body());
    }
    throw new PermanentDeliveryFailure(
        "provider_rejected", "SMS provider answered " + status + ": " + response.body());
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
