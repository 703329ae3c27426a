package dev.journeys.api.webhook;

import dev.journeys.api.optout.OptOutEvents;
import dev.journeys.customer.ConsentChange;
import dev.journeys.customer.ConsentHistoryEntry;
import dev.journeys.customer.ConsentStatus;
import dev.journeys.customer.CustomerProfiles;
import dev.journeys.messaging.Channel;
import dev.journeys.messaging.Topic;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/webhooks/sms/inbound}: replies to our SMS, in Twilio's form-encoded shape. An
 * opt-out keyword (STOP, UNSUBSCRIBE, ...) denies every SMS topic for each customer with that
 * number, an opt-in keyword (START, UNSTOP) grants again only what the opt-out took away; both are
 * audited with source {@code sms-keyword} and stop or allow the next send of every running journey;
 * a STOP also reaches running journeys as {@code unsubscribed} ({@link OptOutEvents}). Requests
 * without a valid {@code X-Twilio-Signature} are refused.
 */
@RestController
@EnableConfigurationProperties(SmsWebhookProperties.class)
public class SmsInboundController {

  private static final Logger log = LoggerFactory.getLogger(SmsInboundController.class);

  /** Twilio's standard opt-out and opt-in keywords (CTIA). */
  static final Set<String> STOP =
      Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT", "REVOKE");

  static final Set<String> START = Set.of("START", "UNSTOP", "YES");

  /** The consent audit source of keyword opt-outs and opt-ins. */
  static final String SOURCE = "sms-keyword";

  private static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

  private final SmsWebhookProperties properties;
  private final CustomerProfiles profiles;
  private final OptOutEvents optOuts;
  private final WebhookReplays replays;
  private final TransactionTemplate transaction;

  public SmsInboundController(
      SmsWebhookProperties properties,
      CustomerProfiles profiles,
      OptOutEvents optOuts,
      WebhookReplays replays,
      PlatformTransactionManager transactions) {
    this.properties = properties;
    this.profiles = profiles;
    this.optOuts = optOuts;
    this.replays = replays;
    this.transaction = new TransactionTemplate(transactions);
  }

  @PostMapping(
      path = "/v1/webhooks/sms/inbound",
      consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
  public ResponseEntity<?> inbound(HttpServletRequest request) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    request.getParameterMap().forEach((k, v) -> params.put(k, Arrays.asList(v)));
    // query parameters are part of the signed URL, not of the signed body
    if (request.getQueryString() != null) {
      for (String pair : request.getQueryString().split("&")) {
        String name =
            java.net.URLDecoder.decode(
                pair.split("=", 2)[0], java.nio.charset.StandardCharsets.UTF_8);
        params.remove(name);
      }
    }
    if (!TwilioSignature.matches(
        request.getHeader("X-Twilio-Signature"),
        properties.authToken(),
        signedUrl(request),
        params)) {
      var problem =
          ProblemDetail.forStatusAndDetail(
              HttpStatus.FORBIDDEN, "missing or invalid X-Twilio-Signature");
      problem.setTitle("Forbidden");
      return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem);
    }
    String messageSid = first(params, "MessageSid");
    // the replay mark and the consent change commit together: a failed change can be retried
    transaction.executeWithoutResult(
        tx -> {
          if (messageSid != null && !replays.firstTime("twilio-sms", messageSid)) {
            log.warn("SMS {} was handled before; the repeat is ignored", messageSid);
            return;
          }
          apply(params);
        });
    return ResponseEntity.ok().contentType(MediaType.TEXT_XML).body(EMPTY_TWIML);
  }

  private void apply(Map<String, List<String>> params) {
    String from = first(params, "From");
    String keyword =
        first(params, "Body") == null ? "" : first(params, "Body").trim().toUpperCase(Locale.ROOT);
    if (from != null && STOP.contains(keyword)) {
      for (String customer : profiles.idsByPhone(from)) {
        optOuts.changeConsents(
            customer, List.of(new ConsentChange(Channel.SMS, null, ConsentStatus.DENIED)), SOURCE);
        log.info("SMS {} from customer {}: every SMS topic denied", keyword, customer);
      }
    } else if (from != null && START.contains(keyword)) {
      for (String customer : profiles.idsByPhone(from)) {
        List<ConsentChange> regrants =
            stoppedTopics(profiles.consentHistory(customer)).stream()
                .map(topic -> new ConsentChange(Channel.SMS, topic, ConsentStatus.GRANTED))
                .toList();
        if (!regrants.isEmpty()) {
          profiles.changeConsents(customer, regrants, SOURCE);
        }
        log.info(
            "SMS {} from customer {}: SMS consent granted again for {}",
            keyword,
            customer,
            regrants.stream().map(ConsentChange::topic).toList());
      }
    }
  }

  /**
   * The SMS topics a keyword opt-out took away: those whose latest changes are {@code sms-keyword}
   * denials and which were granted right before them. A START gives back exactly these, never a
   * consent (such as marketing) that the customer had not given.
   */
  static List<Topic> stoppedTopics(List<ConsentHistoryEntry> history) {
    List<Topic> topics = new ArrayList<>();
    for (Topic topic : Topic.values()) {
      List<ConsentHistoryEntry> changes =
          history.stream().filter(h -> h.channel() == Channel.SMS && h.topic() == topic).toList();
      int i = changes.size() - 1;
      boolean stopped = false;
      while (i >= 0
          && changes.get(i).status() == ConsentStatus.DENIED
          && SOURCE.equals(changes.get(i).source())) {
        stopped = true;
        i--;
      }
      if (stopped && i >= 0 && changes.get(i).status() == ConsentStatus.GRANTED) {
        topics.add(topic);
      }
    }
    return topics;
  }

  private String signedUrl(HttpServletRequest request) {
    String base =
        properties.publicUrl() != null && !properties.publicUrl().isBlank()
            ? properties.publicUrl()
            : request.getRequestURL().toString();
    return request.getQueryString() == null ? base : base + "?" + request.getQueryString();
  }

  private static String first(Map<String, List<String>> params, String name) {
    var values = params.get(name);
    return values == null || values.isEmpty() ? null : values.getFirst();
  }
}
