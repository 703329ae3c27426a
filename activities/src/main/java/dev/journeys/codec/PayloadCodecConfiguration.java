package dev.journeys.codec;

import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Payload encryption for the app's Temporal client (and so its workers): with {@code
 * journeys.codec.key} set, the data converter the Temporal starter picks up ({@code
 * mainDataConverter}) encrypts every payload with {@link AesGcmPayloadCodec}. The API and the
 * worker must share the keys. Off without a key (the local stack).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PayloadCodecProperties.class)
public class PayloadCodecConfiguration {

  static final String ENABLED = "!'${journeys.codec.key:}'.isBlank()";

  @Bean
  @ConditionalOnExpression(ENABLED)
  AesGcmPayloadCodec payloadCodec(PayloadCodecProperties properties) {
    return properties.codec();
  }

  @Bean
  @ConditionalOnExpression(ENABLED)
  DataConverter mainDataConverter(AesGcmPayloadCodec codec) {
    // failure messages and stack traces too (they can quote event data); search attributes stay
    // readable to the server, which indexes them: the SDK never runs them through a codec
    return new CodecDataConverter(DefaultDataConverter.newDefaultInstance(), List.of(codec), true);
  }
}
