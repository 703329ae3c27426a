package dev.journeys.api.suppression;

import dev.journeys.api.InvalidRequestException;
import dev.journeys.api.NotFoundException;
import dev.journeys.api.page.Page;
import dev.journeys.api.page.PageCursor;
import dev.journeys.api.security.ApiPrincipal;
import dev.journeys.messaging.Channel;
import dev.journeys.suppression.SuppressedAddress;
import dev.journeys.suppression.SuppressionList;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The suppression list for operators: addresses nobody may message (hard bounces, complaints,
 * manual blocks), checked by every send of every journey, transactional ones included.
 */
@RestController
public class SuppressionController {

  /** The list's name in its cursors. */
  private static final String LIST = "suppressions";

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final Pattern PHONE = Pattern.compile("\\+[1-9][0-9]{6,14}");

  /** The body of {@code POST /v1/suppressions}; {@code reason} defaults to operator. */
  public record SuppressionRequest(String channel, String address, String reason, String note) {}

  private final SuppressionList suppressions;

  public SuppressionController(SuppressionList suppressions) {
    this.suppressions = suppressions;
  }

  @PostMapping(path = "/v1/suppressions", consumes = "application/json")
  @ResponseStatus(HttpStatus.CREATED)
  public SuppressedAddress add(
      @RequestBody SuppressionRequest request, @AuthenticationPrincipal ApiPrincipal caller) {
    List<InvalidRequestException.FieldError> errors = new ArrayList<>();
    Channel channel = channel(request.channel(), "channel", errors);
    SuppressedAddress.Reason reason = SuppressedAddress.Reason.operator;
    if (request.reason() != null) {
      try {
        reason = SuppressedAddress.Reason.valueOf(request.reason().toLowerCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        errors.add(
            new InvalidRequestException.FieldError(
                "reason", "must be one of hard_bounce, complaint, operator"));
      }
    }
    if (channel != null) {
      checkAddress(channel, request.address(), errors);
    }
    if (request.note() != null && request.note().length() > 500) {
      errors.add(new InvalidRequestException.FieldError("note", "must be at most 500 characters"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException("invalid suppression", errors);
    }
    return suppressions.add(channel, request.address(), reason, caller.auditName(), request.note());
  }

  /**
   * One page of suppressed addresses, newest first; a page that more addresses follow links the
   * next one ({@link Page}, keyed by time, then channel and address, the table's unique key).
   */
  @GetMapping("/v1/suppressions")
  public ResponseEntity<List<SuppressedAddress>> list(
      @RequestParam(required = false) String channel,
      @RequestParam(defaultValue = "100") int limit,
      @RequestParam(required = false) String cursor) {
    List<InvalidRequestException.FieldError> errors = new ArrayList<>();
    Channel only = channel == null ? null : channel(channel, "channel", errors);
    Page.limitError(limit, 1000).ifPresent(errors::add);
    if (!errors.isEmpty()) {
      throw new InvalidRequestException("invalid query", errors);
    }
    PageCursor after = PageCursor.decode(LIST, cursor);
    List<SuppressedAddress> page;
    if (after == null) {
      page = suppressions.list(only, Page.fetchSize(limit));
    } else {
      int colon = after.key().indexOf(':');
      if (colon < 0) {
        throw PageCursor.invalid();
      }
      page =
          suppressions.list(
              only,
              after.at(),
              after.key().substring(0, colon),
              after.key().substring(colon + 1),
              Page.fetchSize(limit));
    }
    return Page.of(
            page,
            limit,
            (SuppressedAddress last) ->
                new PageCursor(last.createdAt(), last.channel().name() + ":" + last.address())
                    .encode(LIST))
        .response();
  }

  @GetMapping("/v1/suppressions/{channel}/{address}")
  public SuppressedAddress get(@PathVariable String channel, @PathVariable String address) {
    Channel c = validChannel(channel);
    return suppressions
        .find(c, address)
        .orElseThrow(() -> new NotFoundException(address + " is not suppressed on " + c));
  }

  @DeleteMapping("/v1/suppressions/{channel}/{address}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  public void remove(@PathVariable String channel, @PathVariable String address) {
    Channel c = validChannel(channel);
    if (!suppressions.remove(c, address)) {
      throw new NotFoundException(address + " is not suppressed on " + c);
    }
  }

  private static Channel validChannel(String value) {
    List<InvalidRequestException.FieldError> errors = new ArrayList<>();
    Channel channel = channel(value, "channel", errors);
    if (!errors.isEmpty()) {
      throw new InvalidRequestException("invalid channel", errors);
    }
    return channel;
  }

  private static Channel channel(
      String value, String field, List<InvalidRequestException.FieldError> errors) {
    try {
      return Channel.valueOf(String.valueOf(value).toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      errors.add(
          new InvalidRequestException.FieldError(
              field, "must be one of " + java.util.Arrays.toString(Channel.values())));
      return null;
    }
  }

  private static void checkAddress(
      Channel channel, String address, List<InvalidRequestException.FieldError> errors) {
    boolean valid =
        address != null
            && address.length() <= 320
            && (channel == Channel.EMAIL
                ? EMAIL.matcher(address).matches()
                : channel != Channel.SMS || PHONE.matcher(address).matches());
    if (!valid) {
      errors.add(
          new InvalidRequestException.FieldError(
              "address",
              channel == Channel.EMAIL
                  ? "must be an email address"
                  : "must be an E.164 number such as +15551234567"));
    }
  }
}
