package dev.journeys.api.funnel;

import dev.journeys.api.InvalidRequestException;
import dev.journeys.api.NotFoundException;
import dev.journeys.funnel.Funnel;
import dev.journeys.funnel.Funnels;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A journey's funnel, read-only: entered, each message step, converted and exited, per version and
 * experiment arm, as JSON and as a page with one chart (for operators; no script, nothing loaded
 * from elsewhere).
 */
@RestController
public class FunnelController {

  private static final Pattern JOURNEY = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");

  /** At most a quarter: a longer window would credit journeys with unrelated orders. */
  private static final Duration LONGEST_WINDOW = Duration.ofDays(90);

  private final Funnels funnels;
  private final Duration defaultWindow;

  public FunnelController(
      Funnels funnels,
      @org.springframework.beans.factory.annotation.Value("${journeys.attribution.window:P5D}")
          Duration defaultWindow) {
    this.funnels = funnels;
    this.defaultWindow = defaultWindow;
  }

  @GetMapping(path = "/v1/journeys/{journey}/funnel", produces = MediaType.APPLICATION_JSON_VALUE)
  public Funnel funnel(
      @PathVariable String journey, @RequestParam(required = false) String window) {
    return read(journey, window);
  }

  @GetMapping(path = "/v1/journeys/{journey}/funnel.html", produces = MediaType.TEXT_HTML_VALUE)
  public String page(@PathVariable String journey, @RequestParam(required = false) String window) {
    return FunnelPage.render(read(journey, window));
  }

  private Funnel read(String journey, String window) {
    if (!JOURNEY.matcher(journey).matches()) {
      throw new InvalidRequestException(
          "invalid journey name",
          List.of(
              new InvalidRequestException.FieldError(
                  "journey",
                  "must be lower-case letters, digits and . _ - such as abandoned-cart")));
    }
    Duration attribution = window == null ? defaultWindow : parse(window);
    if (!funnels.known(journey)) {
      throw new NotFoundException("journey '" + journey + "' has no recorded enrollments");
    }
    return funnels.of(journey, attribution);
  }

  private static Duration parse(String window) {
    try {
      Duration d = Duration.parse(window);
      if (d.isNegative() || d.compareTo(LONGEST_WINDOW) > 0) {
        throw new DateTimeParseException("out of range", window, 0);
      }
      return d;
    } catch (DateTimeParseException e) {
      throw new InvalidRequestException(
          "invalid attribution window",
          List.of(
              new InvalidRequestException.FieldError(
                  "window", "must be an ISO-8601 duration between PT0S and P90D, such as P5D")));
    }
  }
}
