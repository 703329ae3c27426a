package dev.journeys.api.customer;

import dev.journeys.api.InvalidRequestException;
import dev.journeys.api.NotFoundException;
import dev.journeys.api.optout.OptOutEvents;
import dev.journeys.api.page.Page;
import dev.journeys.api.page.PageCursor;
import dev.journeys.api.security.ApiPrincipal;
import dev.journeys.customer.Consent;
import dev.journeys.customer.ConsentChange;
import dev.journeys.customer.ConsentHistoryEntry;
import dev.journeys.customer.ConsentStatus;
import dev.journeys.customer.CustomerProfiles;
import dev.journeys.messaging.Channel;
import dev.journeys.messaging.Topic;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Consent per channel and topic, with the unified opt-out: a change may name one channel and topic,
 * a whole channel (no topic), a topic on every channel (no channel), or everything (neither). Every
 * change is audited with its source; it stops the very next send of every running journey, and a
 * withdrawal of marketing consent reaches running journeys as {@code unsubscribed} ({@link
 * OptOutEvents}).
 */
@RestController
public class ConsentController {

  /** One wanted change; a missing channel or topic means all of them. */
  public record ConsentPatch(String channel, String topic, String status) {}

  /** The body of the per-channel-and-topic {@code PUT}. */
  public record ConsentStatusBody(String status) {}

  private static final java.util.regex.Pattern SOURCE =
      java.util.regex.Pattern.compile("[a-z0-9][a-z0-9._-]{0,49}");

  private final CustomerProfiles profiles;
  private final OptOutEvents optOuts;
  private final ConsentHistoryPage history;

  public ConsentController(
      CustomerProfiles profiles, OptOutEvents optOuts, ConsentHistoryPage history) {
    this.profiles = profiles;
    this.optOuts = optOuts;
    this.history = history;
  }

  /**
   * {@code PATCH /v1/customers/{id}/consents} with a list of changes, applied all or none; {@code
   * ?source=checkout-form} adds where they came from to the audit trail, after the API key.
   */
  @PatchMapping(path = "/v1/customers/{id}/consents", consumes = "application/json")
  public List<Consent> patch(
      @PathVariable String id,
      @RequestBody List<ConsentPatch> changes,
      @RequestParam(required = false) String source,
      @AuthenticationPrincipal ApiPrincipal caller) {
    CustomerController.checkId(id);
    String auditSource = auditSource(caller, source);
    if (changes == null || changes.isEmpty()) {
      throw new InvalidRequestException(
          "no consent change given",
          List.of(new InvalidRequestException.FieldError("[]", "must list at least one change")));
    }
    List<InvalidRequestException.FieldError> errors = new ArrayList<>();
    List<ConsentChange> parsed = new ArrayList<>();
    for (int i = 0; i < changes.size(); i++) {
      var change = changes.get(i);
      String at = "[" + i + "]";
      if (change == null) {
        errors.add(new InvalidRequestException.FieldError(at, "must be an object"));
        continue;
      }
      parsed.add(
          new ConsentChange(
              optional(Channel.class, change.channel(), at + ".channel", errors),
              optional(Topic.class, change.topic(), at + ".topic", errors),
              required(change.status(), at + ".status", errors)));
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException("the consent changes have invalid fields", errors);
    }
    return change(id, parsed, auditSource);
  }

  /**
   * {@code PUT /v1/customers/{id}/consents/{channel}/{topic}} with {@code {"status":"DENIED"}};
   * {@code all} for the channel or topic covers every one.
   */
  @PutMapping(path = "/v1/customers/{id}/consents/{channel}/{topic}", consumes = "application/json")
  public List<Consent> put(
      @PathVariable String id,
      @PathVariable String channel,
      @PathVariable String topic,
      @RequestBody ConsentStatusBody body,
      @RequestParam(required = false) String source,
      @AuthenticationPrincipal ApiPrincipal caller) {
    CustomerController.checkId(id);
    String auditSource = auditSource(caller, source);
    List<InvalidRequestException.FieldError> errors = new ArrayList<>();
    var change =
        new ConsentChange(
            "all".equalsIgnoreCase(channel)
                ? null
                : optional(Channel.class, channel, "channel", errors),
            "all".equalsIgnoreCase(topic) ? null : optional(Topic.class, topic, "topic", errors),
            required(body == null ? null : body.status(), "status", errors));
    if (!errors.isEmpty()) {
      throw new InvalidRequestException("invalid consent", errors);
    }
    return change(id, List.of(change), auditSource);
  }

  /**
   * {@code GET /v1/customers/{id}/consents/history}: every change, oldest first, in pages of {@code
   * limit}; a page that more changes follow links the next one ({@link Page}).
   */
  @GetMapping("/v1/customers/{id}/consents/history")
  public ResponseEntity<List<ConsentHistoryEntry>> history(
      @PathVariable String id,
      @RequestParam(defaultValue = "1000") int limit,
      @RequestParam(required = false) String cursor) {
    CustomerController.checkId(id);
    Page.checkLimit(limit, 1000);
    PageCursor after = PageCursor.decode(ConsentHistoryPage.LIST, cursor);
    if (profiles.find(id).isEmpty()) {
      throw new NotFoundException("no customer '" + id + "'");
    }
    return Page.of(
            history.page(id, after, Page.fetchSize(limit)),
            limit,
            (ConsentHistoryPage.Row last) ->
                new PageCursor(last.entry().changedAt(), last.id()).encode(ConsentHistoryPage.LIST))
        .map(ConsentHistoryPage.Row::entry)
        .response();
  }

  private List<Consent> change(String id, List<ConsentChange> changes, String source) {
    var customer =
        optOuts
            .changeConsents(id, changes, source)
            .orElseThrow(() -> new NotFoundException("no customer '" + id + "'"));
    return customer.consents().stream()
        .sorted(Comparator.comparing(Consent::channel).thenComparing(Consent::topic))
        .toList();
  }

  /**
   * The audit trail's source: the API key that made the change, never what the request claims;
   * {@code ?source=checkout-form} only adds where in the caller's system it came from ({@code
   * key:shop-backend/checkout-form}).
   */
  private static String auditSource(ApiPrincipal caller, String source) {
    if (source == null) {
      return caller.auditName();
    }
    if (!SOURCE.matcher(source).matches()) {
      throw new InvalidRequestException(
          "invalid source",
          List.of(
              new InvalidRequestException.FieldError(
                  "source", "must be 1-50 lowercase letters, digits and . _ -")));
    }
    return caller.auditName() + "/" + source;
  }

  private static ConsentStatus required(
      String value, String field, List<InvalidRequestException.FieldError> errors) {
    if (value == null) {
      errors.add(new InvalidRequestException.FieldError(field, "must be GRANTED or DENIED"));
      return ConsentStatus.DENIED;
    }
    var status = optional(ConsentStatus.class, value, field, errors);
    return status == null ? ConsentStatus.DENIED : status;
  }

  private static <E extends Enum<E>> E optional(
      Class<E> type, String value, String field, List<InvalidRequestException.FieldError> errors) {
    if (value == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      errors.add(
          new InvalidRequestException.FieldError(
              field, "must be one of " + java.util.Arrays.toString(type.getEnumConstants())));
      return null;
    }
  }
}
