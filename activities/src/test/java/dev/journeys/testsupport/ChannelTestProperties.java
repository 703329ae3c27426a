package dev.journeys.testsupport;

import org.springframework.test.context.DynamicPropertyRegistry;

/** The properties every {@link ChannelTestApp} test needs: a fresh database, SMTP and SMS. */
public final class ChannelTestProperties {

  public static final String EMAIL_FROM = "Shop <shop@journeys.test>";
  public static final String SMS_FROM = "+15550000000";

  private ChannelTestProperties() {}

  /**
   * Registers a fresh database, email through the SMTP server on the loopback port and SMS through
   * the stub; a test adds its own policies after this.
   */
  public static void register(DynamicPropertyRegistry registry, int smtpPort, SmsProviderStub sms) {
    TestDatabase.register(registry);
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> smtpPort);
    registry.add("journeys.channels.email.from", () -> EMAIL_FROM);
    registry.add("journeys.channels.email.message-id-domain", () -> "journeys.test");
    registry.add("journeys.channels.sms.base-url", () -> sms.baseUrl().toString());
    registry.add("journeys.channels.sms.account-sid", () -> SmsProviderStub.ACCOUNT_SID);
    registry.add("journeys.channels.sms.auth-token", () -> SmsProviderStub.AUTH_TOKEN);
    registry.add("journeys.channels.sms.from", () -> SMS_FROM);
  }
}
