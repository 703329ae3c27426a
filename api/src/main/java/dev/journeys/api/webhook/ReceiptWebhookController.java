package dev.journeys.api.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.api.InvalidRequestException;
import dev.journeys.customer.ChannelActivity;
import dev.journeys.receipt.MessageReceipt;
import dev.journeys.receipt.MessageReceipts;
import dev.journeys.signature.WebhookSignature;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Providers' status callbacks: {@code POST /v1/webhooks/{provider}/status} for {@code twilio}
 * (X-Twilio-Signature), {@code meta} (X-Hub-Signature-256; WhatsApp, Messenger, Instagram) and
 * {@code email} (X-Journeys-Signature). Each is verified before anything is read; receipts update
 * the ledger, bounces and complaints feed suppression, and the journey that sent the message is
 * signalled. Meta's inbound messages open the 24-hour service window.
 */
@RestController
public class ReceiptWebhookController {

  /** What a callback did, for the provider's logs and for tests. */
  @io.swagger.v3.oas.annotations.media.Schema(name = "WebhookResult")
  public record Result(int receipts, int updated, int inbound) {}

  private final WebhookReceiverProperties properties;
  private final MessageReceipts receipts;
  private final ReceiptSignals signals;
  private final ChannelActivity activity;
  private final ObjectMapper json;
  private final Clock clock;

  public ReceiptWebhookController(
      WebhookReceiverProperties properties,
      MessageReceipts receipts,
      ReceiptSignals signals,
      ChannelActivity activity,
      ObjectMapper json,
      Clock clock) {
    this.properties = properties;
    this.receipts = receipts;
    this.signals = signals;
    this.activity = activity;
    this.json = json;
    this.clock = clock;
  }

  @PostMapping("/v1/webhooks/{provider}/status")
  public Result status(
      @PathVariable String provider,
      @RequestBody(required = false) String body,
      @RequestHeader Map<String, String> headers,
      HttpServletRequest request) {
    String raw = body == null ? "" : body;
    Instant now = clock.instant();
    ReceiptParsers.Parsed parsed =
        switch (provider) {
          case "twilio" -> twilio(raw, header(headers, "X-Twilio-Signature"), request, now);
          case "meta" -> meta(raw, header(headers, "X-Hub-Signature-256"), now);
          case "email" -> email(raw, headers, now);
          default -> throw notFound(provider);
        };
    int updated = 0;
    for (MessageReceipt receipt : parsed.receipts()) {
      var applied = receipts.apply(receipt);
      if (applied instanceof MessageReceipts.Applied.Updated) {
        updated++;
      }
      signals.signal(applied, receipt);
    }
    int inbound = 0;
    for (ReceiptParsers.Inbound message : parsed.inbound()) {
      inbound += activity.recordInboundFrom(message.channel(), message.address(), message.at());
    }
    return new Result(parsed.receipts().size(), updated, inbound);
  }

  /** Meta's subscription handshake: echo the challenge when the verify token matches. */
  @GetMapping(path = "/v1/webhooks/meta/status", produces = "text/plain")
  public String metaSubscription(
      @RequestParam("hub.mode") String mode,
      @RequestParam("hub.verify_token") String token,
      @RequestParam("hub.challenge") String challenge) {
    var meta = properties.meta();
    if (meta == null || blank(meta.verifyToken())) {
      throw notFound("meta");
    }
    if (!"subscribe".equals(mode) || !meta.verifyToken().equals(token)) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "verify token does not match");
    }
    return challenge;
  }

  private ReceiptParsers.Parsed twilio(
      String body, String signature, HttpServletRequest request, Instant now) {
    var twilio = properties.twilio();
    if (twilio == null || blank(twilio.authToken())) {
      throw notFound("twilio");
    }
    Map<String, String> form = form(body);
    if (!ProviderSignatures.twilio(twilio.authToken(), callbackUrl(request), form, signature)) {
      throw unauthorized("X-Twilio-Signature");
    }
    return ReceiptParsers.twilio(form, now);
  }

  private ReceiptParsers.Parsed meta(String body, String signature, Instant now) {
    var meta = properties.meta();
    if (meta == null || blank(meta.appSecret())) {
      throw notFound("meta");
    }
    if (!ProviderSignatures.meta(meta.appSecret(), body, signature)) {
      throw unauthorized("X-Hub-Signature-256");
    }
    return ReceiptParsers.meta(parse(body), now);
  }

  private ReceiptParsers.Parsed email(String body, Map<String, String> headers, Instant now) {
    var email = properties.email();
    if (email == null || blank(email.secret())) {
      throw notFound("email");
    }
    boolean valid =
        new WebhookSignature(email.secret())
            .isValid(
                header(headers, WebhookSignature.TIMESTAMP_HEADER),
                header(headers, WebhookSignature.SIGNATURE_HEADER),
                body,
                now);
    if (!valid) {
      throw unauthorized(WebhookSignature.SIGNATURE_HEADER);
    }
    return ReceiptParsers.email(parse(body), now);
  }

  /** The URL Twilio called, which it signed: behind a proxy, the configured public address. */
  private String callbackUrl(HttpServletRequest request) {
    String pathAndQuery =
        request.getRequestURI()
            + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
    if (properties.publicBaseUrl() != null) {
      String base = properties.publicBaseUrl().toString();
      return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + pathAndQuery;
    }
    return request.getRequestURL().toString()
        + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
  }

  private JsonNode parse(String body) {
    try {
      return json.readTree(body);
    } catch (JsonProcessingException e) {
      throw new InvalidRequestException(
          "the callback body is not JSON",
          List.of(new InvalidRequestException.FieldError("body", e.getOriginalMessage())));
    }
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new LinkedHashMap<>();
    Arrays.stream(body.split("&"))
        .filter(p -> !p.isEmpty())
        .map(p -> p.split("=", 2))
        .forEach(
            p ->
                form.put(
                    URLDecoder.decode(p[0], StandardCharsets.UTF_8),
                    p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : ""));
    return form;
  }

  private static String header(Map<String, String> headers, String name) {
    return headers.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(null);
  }

  /** An unset secret (empty from the environment) means the provider is not configured. */
  private static boolean blank(String secret) {
    return secret == null || secret.isBlank();
  }

  private static ResponseStatusException notFound(String provider) {
    return new ResponseStatusException(
        HttpStatus.NOT_FOUND, "no status webhook configured for provider '" + provider + "'");
  }

  private static ResponseStatusException unauthorized(String header) {
    return new ResponseStatusException(HttpStatus.UNAUTHORIZED, header + " does not verify");
  }
}
