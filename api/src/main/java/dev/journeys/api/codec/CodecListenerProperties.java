package dev.journeys.api.codec;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code journeys.codec.server.*}: a second listener of the API that serves only the payload codec
 * protocol, without credentials, for a Temporal UI whose browser cannot send an API key. Off unless
 * {@code port} is set.
 *
 * @param port the listener's port ({@code JOURNEYS_CODEC_SERVER_PORT}); 0 picks a free one
 * @param address the address it binds ({@code JOURNEYS_CODEC_SERVER_ADDRESS}); loopback unless the
 *     UI's users reach it over an internal network
 */
@ConfigurationProperties("journeys.codec.server")
public record CodecListenerProperties(Integer port, @DefaultValue("127.0.0.1") String address) {

  public boolean enabled() {
    return port != null && port >= 0;
  }
}
