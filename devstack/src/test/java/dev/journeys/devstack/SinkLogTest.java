package dev.journeys.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The local SMS sink logs what it received so a developer sees the journey work, without the phone
 * numbers: `./journeys up` logs end up in terminals, screenshots and bug reports.
 */
class SinkLogTest {

  @Test
  void smsSinkLogsTheMessageWithoutThePhoneNumbers() throws Exception {
    var appender = new ListAppender<ILoggingEvent>();
    appender.start();
    var logger = (Logger) LoggerFactory.getLogger(SmsSink.class);
    logger.addAppender(appender);
    try (var sink = SmsSink.startOnFreePort()) {
      String credentials = sink.accountSid() + ":" + sink.authToken();
      var request =
          HttpRequest.newBuilder(
                  URI.create(
                      sink.baseUrl()
                          + "/2010-04-01/Accounts/"
                          + sink.accountSid()
                          + "/Messages.json"))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .header(
                  "Authorization",
                  "Basic "
                      + Base64.getEncoder()
                          .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      "To=%2B15551234567&From=%2B15550000000&Body=Your+cart+is+waiting"))
              .build();
      var response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(201);
    } finally {
      logger.detachAppender(appender);
    }

    assertThat(appender.list)
        .map(ILoggingEvent::getFormattedMessage)
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("SMS received", "Your cart is waiting", "+***67")
                    .doesNotContain("5551234567", "5550000000"));
  }
}
