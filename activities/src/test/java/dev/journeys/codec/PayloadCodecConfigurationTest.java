package dev.journeys.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Encryption is on exactly when a key is configured, and a bad key stops the start. */
class PayloadCodecConfigurationTest {

  private final ApplicationContextRunner context =
      new ApplicationContextRunner().withUserConfiguration(PayloadCodecConfiguration.class);

  @Test
  void offWithoutAKey() {
    context.run(c -> assertThat(c).doesNotHaveBean(DataConverter.class));
    context
        .withPropertyValues("journeys.codec.key=")
        .run(c -> assertThat(c).doesNotHaveBean(DataConverter.class));
  }

  @Test
  void onWithAKey() {
    context
        .withPropertyValues(
            "journeys.codec.key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
            "journeys.codec.key-id=2026-11",
            "journeys.codec.previous-keys.2026-10=ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=")
        .run(
            c -> {
              assertThat(c.getBean("mainDataConverter")).isInstanceOf(CodecDataConverter.class);
              assertThat(c.getBean(AesGcmPayloadCodec.class).currentKeyId()).isEqualTo("2026-11");
            });
  }

  @Test
  void aMalformedKeyFailsTheStart() {
    context
        .withPropertyValues("journeys.codec.key=dG9vIHNob3J0")
        .run(c -> assertThat(c).hasFailed());
  }
}
