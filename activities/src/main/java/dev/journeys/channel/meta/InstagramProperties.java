package dev.journeys.channel.meta;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Instagram Direct through the Send API; see {@link SendApiProperties}. */
@ConfigurationProperties("journeys.channels.instagram")
public record InstagramProperties(
    URI baseUrl,
    @DefaultValue("v21.0") String apiVersion,
    String pageAccessToken,
    String messageTag,
    @DefaultValue("10s") Duration timeout) {

  public SendApiProperties sendApi() {
    return new SendApiProperties(baseUrl, apiVersion, pageAccessToken, messageTag, timeout);
  }
}
