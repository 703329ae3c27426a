package dev.journeys.api.unsubscribe;

import dev.journeys.api.optout.OptOutEvents;
import dev.journeys.customer.ConsentChange;
import dev.journeys.customer.ConsentStatus;
import dev.journeys.messaging.Topic;
import dev.journeys.unsubscribe.UnsubscribeLinks;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The target of the RFC 8058 {@code List-Unsubscribe} link in marketing emails. The mailbox
 * provider's one-click button POSTs to it and the opt-out is recorded (source {@code
 * unsubscribe-link}) and running journeys hear of it ({@link OptOutEvents}); a GET, which link
 * scanners also make, only shows a page with a button, so nobody is unsubscribed by a prefetch.
 */
@RestController
public class UnsubscribeController {

  private final UnsubscribeLinks links;
  private final OptOutEvents optOuts;

  public UnsubscribeController(UnsubscribeLinks links, OptOutEvents optOuts) {
    this.links = links;
    this.optOuts = optOuts;
  }

  @GetMapping(path = "/v1/unsubscribe", produces = MediaType.TEXT_HTML_VALUE)
  public ResponseEntity<String> confirm(@RequestParam(required = false) String token) {
    var request = links.verify(token);
    if (request.isEmpty()) {
      return invalid();
    }
    String what = describe(request.get());
    return ResponseEntity.ok(
        page(
            "Unsubscribe",
            "<p>Stop receiving "
                + what
                + "?</p>"
                + "<form method=\"post\" action=\"/v1/unsubscribe?token="
                + HtmlUtils.htmlEscape(token)
                + "\"><button type=\"submit\">Unsubscribe</button></form>"));
  }

  @PostMapping(path = "/v1/unsubscribe", produces = MediaType.TEXT_HTML_VALUE)
  public ResponseEntity<String> unsubscribe(@RequestParam(required = false) String token) {
    var request = links.verify(token);
    if (request.isEmpty()) {
      return invalid();
    }
    var unsubscribe = request.get();
    var changed =
        optOuts.changeConsents(
            unsubscribe.customerId(),
            List.of(
                new ConsentChange(
                    unsubscribe.channel(), unsubscribe.topic(), ConsentStatus.DENIED)),
            "unsubscribe-link");
    if (changed.isEmpty()) {
      // the profile was erased since; there is nobody left to message
      return ResponseEntity.ok(page("Unsubscribed", "<p>You will not receive these messages.</p>"));
    }
    return ResponseEntity.ok(
        page(
            "Unsubscribed",
            "<p>You will no longer receive "
                + describe(unsubscribe)
                + ".</p>"
                + allMarketingForm(unsubscribe)));
  }

  /**
   * After opting out of one promotional topic (reviews, back in stock), "all marketing" on the same
   * channel is one click further: a form with a signed link of its own for MARKETING, which covers
   * every promotional topic. Nothing is offered after a marketing or transactional opt-out.
   */
  private String allMarketingForm(UnsubscribeLinks.Unsubscribe done) {
    if (done.topic() == Topic.MARKETING || !done.topic().isPromotional()) {
      return "";
    }
    return links
        .linkFor(done.customerId(), done.channel(), Topic.MARKETING)
        .map(
            link ->
                "<form method=\"post\" action=\""
                    + HtmlUtils.htmlEscape(link)
                    + "\"><button type=\"submit\">Unsubscribe from all marketing by "
                    + done.channel().name().toLowerCase(Locale.ROOT)
                    + "</button></form>")
        .orElse("");
  }

  private static String describe(UnsubscribeLinks.Unsubscribe u) {
    return HtmlUtils.htmlEscape(
        u.topic().name().toLowerCase(Locale.ROOT).replace('_', ' ')
            + " messages by "
            + u.channel().name().toLowerCase(Locale.ROOT));
  }

  private static ResponseEntity<String> invalid() {
    return ResponseEntity.status(HttpStatus.BAD_REQUEST)
        .contentType(MediaType.TEXT_HTML)
        .body(
            page(
                "Link not valid",
                "<p>This unsubscribe link is not valid or has expired. Use the link in a more"
                    + " recent message, or contact us.</p>"));
  }

  private static String page(String title, String body) {
    return "<!doctype html><html><head><meta charset=\"utf-8\"><title>"
        + title
        + "</title></head><body><h1>"
        + title
        + "</h1>"
        + body
        + "</body></html>";
  }
}
