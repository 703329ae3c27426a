package dev.journeys.policy;

import dev.journeys.messaging.Channel;
import dev.journeys.messaging.Topic;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Send-time policies under {@code journeys.policies}.
 *
 * @param defaultTimeZone the time zone of customers whose profile names none
 * @param quietHours no promotional message between {@code start} and {@code end} in the customer's
 *     time zone; such sends are deferred, not dropped
 * @param frequencyCaps limits across all journeys of a customer; absent means the defaults (1
 *     promotional SMS per 24 h, 3 promotional messages per 7 days), an empty list means none
 * @param contactRules where the SMS contact-time rules by jurisdiction are read from (a JSON
 *     resource; the default ships US federal and stricter state rules)
 * @param rateLimits messages per second per provider (channel) and per journey
 * @param contactRuleOverrides rules that replace (by region) or add to those read from {@code
 *     contactRules}, e.g. a state law not shipped yet
 * @param transactionalLimits per-customer limits on transactional messages, which frequency caps
 *     never count, so that a flood of events (500 {@code order_placed} from one key) cannot
 *     mail-bomb a customer; absent means the default (each transactional message at most 5 times
 *     per customer per hour), an empty list means none
 */
@ConfigurationProperties("journeys.policies")
public record PolicyProperties(
    @DefaultValue("UTC") String defaultTimeZone,
    @DefaultValue QuietHours quietHours,
    List<FrequencyCap> frequencyCaps,
    @DefaultValue("classpath:policy/sms-contact-rules.json") String contactRules,
    @DefaultValue RateLimits rateLimits,
    List<ContactRules.Rule> contactRuleOverrides,
    List<TransactionalLimit> transactionalLimits) {

  public static final List<FrequencyCap> DEFAULT_CAPS =
      List.of(
          new FrequencyCap(Channel.SMS, null, 1, Duration.ofHours(24)),
          new FrequencyCap(null, null, 3, Duration.ofDays(7)));

  public static final List<TransactionalLimit> DEFAULT_TRANSACTIONAL_LIMITS =
      List.of(new TransactionalLimit(null, null, 5, Duration.ofHours(1)));

  public PolicyProperties {
    try {
      java.time.ZoneId.of(defaultTimeZone);
    } catch (java.time.DateTimeException e) {
      throw new IllegalArgumentException(
          "journeys.policies.default-time-zone must be an IANA time zone such as Europe/Berlin,"
              + " got '"
              + defaultTimeZone
              + "'",
          e);
    }
    frequencyCaps = frequencyCaps == null ? DEFAULT_CAPS : List.copyOf(frequencyCaps);
    contactRuleOverrides =
        contactRuleOverrides == null ? List.of() : List.copyOf(contactRuleOverrides);
    transactionalLimits =
        transactionalLimits == null
            ? DEFAULT_TRANSACTIONAL_LIMITS
            : List.copyOf(transactionalLimits);
  }

  /**
   * At most {@code max} transactional messages to one customer within any {@code window}, counting
   * sent and in-flight ones, e.g. {@code {messageKey: order-confirmation, max: 3, window: 1h}}.
   *
   * @param channel the channel it applies to and counts, or null for every channel (counted
   *     together: a confirmation by SMS and one by email are two)
   * @param messageKey the message it applies to, or null for each transactional message on its own
   *     (the send's own message key is counted)
   */
  public record TransactionalLimit(Channel channel, String messageKey, int max, Duration window) {
    public TransactionalLimit {
      if (max < 0 || window == null || window.isNegative() || window.isZero()) {
        throw new IllegalArgumentException(
            "a transactional limit needs max >= 0 and a positive window, got "
                + max
                + " per "
                + window);
      }
    }

    boolean appliesTo(Channel sendChannel, String sendMessageKey) {
      return (channel == null || channel == sendChannel)
          && (messageKey == null || messageKey.equals(sendMessageKey));
    }
  }

  /**
   * Quiet hours, e.g. 21:00 to 08:00; {@code start} after {@code end} spans midnight.
   *
   * @param transactionalBypass transactional messages (order, delivery) are sent during quiet hours
   */
  public record QuietHours(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("21:00") LocalTime start,
      @DefaultValue("08:00") LocalTime end,
      @DefaultValue("true") boolean transactionalBypass) {

    /** When sending is allowed: the complement of the quiet hours. */
    public DailyWindow allowed() {
      return new DailyWindow(end, start);
    }
  }

  /**
   * At most {@code max} messages within any {@code window}, counting sent and in-flight ones.
   *
   * @param channel the channel counted, or null for all channels
   * @param topic the topic counted, or null for every promotional topic (transactional messages are
   *     never capped)
   */
  public record FrequencyCap(Channel channel, Topic topic, int max, Duration window) {
    public FrequencyCap {
      if (max < 0 || window == null || window.isNegative() || window.isZero()) {
        throw new IllegalArgumentException(
            "a frequency cap needs max >= 0 and a positive window, got " + max + " per " + window);
      }
    }

    boolean appliesTo(Channel sendChannel, Topic sendTopic) {
      return sendTopic.isPromotional()
          && (channel == null || channel == sendChannel)
          && (topic == null || topic == sendTopic);
    }
  }

  /**
   * Send rates in messages per second; 0 means unlimited.
   *
   * @param perChannel the rate each channel's provider accepts, e.g. {@code SMS: 10}
   * @param perJourney the rate any one journey may send at, so a large trigger drains evenly
   */
  public record RateLimits(
      java.util.Map<Channel, Double> perChannel, @DefaultValue("0") double perJourney) {
    public RateLimits {
      perChannel = perChannel == null ? java.util.Map.of() : java.util.Map.copyOf(perChannel);
    }
  }
}
