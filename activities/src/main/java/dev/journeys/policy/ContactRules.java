package dev.journeys.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * SMS contact-time rules by jurisdiction, read from data ({@code journeys.policies.contact-rules},
 * by default {@code policy/sms-contact-rules.json}), so a new state's law is a line of JSON.
 */
@Component
public class ContactRules {

  /**
   * One jurisdiction's rule.
   *
   * @param region ISO 3166-2 code ({@code US-FL}) or country ({@code US})
   * @param earliest first local time a promotional SMS may be sent
   * @param latest local time from which it may no longer be sent
   * @param maxPromotionalPer24h at most this many promotional SMS in any 24 hours, if set
   */
  public record Rule(
      String region,
      String source,
      LocalTime earliest,
      LocalTime latest,
      Integer maxPromotionalPer24h) {

    public DailyWindow window() {
      return new DailyWindow(earliest, latest);
    }
  }

  record RuleSet(List<Rule> rules) {}

  private final Map<String, Rule> byRegion;

  @org.springframework.beans.factory.annotation.Autowired
  public ContactRules(PolicyProperties properties, ResourceLoader resources, ObjectMapper json) {
    this(load(properties.contactRules(), resources, json), properties.contactRuleOverrides());
  }

  public ContactRules(List<Rule> rules) {
    this(rules, List.of());
  }

  /** The rules, each replaced by an override for the same region; overrides may add regions. */
  public ContactRules(List<Rule> rules, List<Rule> overrides) {
    Map<String, Rule> merged = new java.util.HashMap<>();
    for (Rule rule : rules) {
      merged.put(rule.region(), checked(rule));
    }
    for (Rule rule : overrides) {
      merged.put(rule.region(), checked(rule));
    }
    this.byRegion = Map.copyOf(merged);
  }

  private static Rule checked(Rule rule) {
    if (rule.region() == null || rule.earliest() == null || rule.latest() == null) {
      throw new IllegalArgumentException(
          "an SMS contact rule needs region, earliest and latest: " + rule);
    }
    return rule;
  }

  /** The most specific rule for a region: {@code US-FL}, else {@code US}; none without region. */
  public Optional<Rule> forRegion(String region) {
    if (region == null || region.isBlank()) {
      return Optional.empty();
    }
    Rule exact = byRegion.get(region);
    if (exact != null) {
      return Optional.of(exact);
    }
    int dash = region.indexOf('-');
    return dash < 0
        ? Optional.empty()
        : Optional.ofNullable(byRegion.get(region.substring(0, dash)));
  }

  private static List<Rule> load(String location, ResourceLoader resources, ObjectMapper json) {
    var resource = resources.getResource(location);
    try (var in = resource.getInputStream()) {
      return json.reader()
          .without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .readValue(in, RuleSet.class)
          .rules();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read SMS contact rules from " + location + " (journeys.policies.contact-rules)",
          e);
    }
  }
}
