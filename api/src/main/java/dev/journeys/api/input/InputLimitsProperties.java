package dev.journeys.api.input;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Bounds on what a request may carry, under {@code journeys.api.limits}; anything beyond is refused
 * with a 4xx before it is stored or started.
 *
 * @param maxBodySize the largest request body (413 above)
 * @param maxJsonDepth the deepest nesting of JSON objects and arrays
 * @param maxJsonStringLength the longest JSON string (in characters)
 * @param maxJsonNumberLength the longest JSON number (in characters)
 * @param maxJsonNameLength the longest JSON property name
 * @param occurredAtMaxAge how far in the past an event's {@code occurredAt} may lie
 * @param occurredAtMaxAhead how far in the future an event's {@code occurredAt} may lie (clock
 *     skew)
 */
@ConfigurationProperties("journeys.api.limits")
public record InputLimitsProperties(
    @DefaultValue("2MB") DataSize maxBodySize,
    @DefaultValue("32") int maxJsonDepth,
    @DefaultValue("1000000") int maxJsonStringLength,
    @DefaultValue("64") int maxJsonNumberLength,
    @DefaultValue("256") int maxJsonNameLength,
    @DefaultValue("3650d") Duration occurredAtMaxAge,
    @DefaultValue("1d") Duration occurredAtMaxAhead) {}
