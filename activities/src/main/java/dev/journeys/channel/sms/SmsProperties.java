package dev.journeys.channel.sms;

import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The SMS provider, spoken to in the shape of Twilio's Messages API.
 *
 * @param baseUrl e.g. {@code https://api.twilio.com}; a local sink in development
 * @param from the sender number (E.164) or alphanumeric sender id
 */
@Validated
@ConfigurationProperties("journeys.channels.sms")
public record SmsProperties(
    URI baseUrl,
    @NotBlank String accountSid,
    @NotBlank String authToken,
    @NotBlank String from,
    @DefaultValue("10s") Duration timeout) {}
