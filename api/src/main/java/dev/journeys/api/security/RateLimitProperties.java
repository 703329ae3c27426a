package dev.journeys.api.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Each API key's request rate under {@code journeys.security.rate-limit}, per API instance.
 *
 * @param perSecond sustained requests per second
 * @param burst requests allowed at once after a quiet spell
 */
@ConfigurationProperties("journeys.security.rate-limit")
public record RateLimitProperties(
    @DefaultValue("20") double perSecond, @DefaultValue("100") int burst) {}
