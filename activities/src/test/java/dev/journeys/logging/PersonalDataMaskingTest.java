package dev.journeys.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;

/**
 * A log line as the apps write it in production (Spring Boot's structured ECS encoder with the
 * customizer their configuration names) carries no address, phone number or secret, wherever in the
 * line it appears.
 */
class PersonalDataMaskingTest {

  @Test
  void masksAddressesPhoneNumbersAndSecretsInEveryFieldOfAStructuredLine() {
    var event =
        event(
            "sent cart-reminder to ada@example.com and +15551234567",
            Map.of("customerId", "ada", "recipient", "whatsapp:+4915123456789"),
            new IllegalStateException(
                "provider said: invalid 'To' +15551234567; url https://x.test/u?token=abc.def-123"
                    + " Authorization: Bearer eyJhbGciOi.payload.sig"));

    String line = encode(event);

    assertThat(line)
        .doesNotContain("ada@example.com", "5551234567", "4915123456789", "abc.def-123", "eyJhb")
        .contains("***@example.com", "+***67", "+***89", "token=***", "Bearer ***")
        .contains("\"customerId\":\"ada\"", "sent cart-reminder");
  }

  @Test
  void leavesOrdinaryTextAlone() {
    String text = "journey/abandoned-cart/ada step wait-for-order at 2026-11-23T10:00:00Z id 1001";

    assertThat(PersonalDataMasking.mask(text)).isEqualTo(text);
    assertThat(PersonalDataMasking.mask(null)).isNull();
  }

  private static String encode(LoggingEvent event) {
    var context = new LoggerContext();
    context.putObject(
        Environment.class.getName(),
        new MockEnvironment()
            .withProperty(
                "logging.structured.json.customizer", PersonalDataMasking.class.getName()));
    var encoder = new StructuredLogEncoder();
    encoder.setContext(context);
    encoder.setFormat("ecs");
    encoder.start();
    return new String(encoder.encode(event), StandardCharsets.UTF_8);
  }

  private static LoggingEvent event(String message, Map<String, String> mdc, Throwable error) {
    var context = new LoggerContext();
    Logger logger = context.getLogger("dev.journeys.test");
    var event = new LoggingEvent(Logger.FQCN, logger, Level.WARN, message, error, null);
    event.setMDCPropertyMap(mdc);
    return event;
  }
}
