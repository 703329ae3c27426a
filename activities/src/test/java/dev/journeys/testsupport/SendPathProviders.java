package dev.journeys.testsupport;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The two providers a send-path test talks to: an SMTP server on a free loopback port (this
 * extension is that GreenMail) and the Twilio-shaped SMS stub, closed after the test class.
 *
 * <pre>
 * &#64;RegisterExtension static final SendPathProviders smtp = new SendPathProviders();
 * static final SmsProviderStub sms = smtp.sms();
 *
 * &#64;DynamicPropertySource
 * static void properties(DynamicPropertyRegistry registry) {
 *   smtp.register(registry);
 * }
 * </pre>
 */
public final class SendPathProviders extends GreenMailExtension {

  private final int smtpPort;
  private final SmsProviderStub sms = new SmsProviderStub();

  public SendPathProviders() {
    this(TestSmtp.onFreePort());
  }

  private SendPathProviders(ServerSetup smtp) {
    super(smtp);
    this.smtpPort = smtp.getPort();
  }

  public SmsProviderStub sms() {
    return sms;
  }

  /** Registers a fresh database and both providers, as {@link ChannelTestProperties} does. */
  public void register(DynamicPropertyRegistry registry) {
    ChannelTestProperties.register(registry, smtpPort, sms);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    super.afterAll(context);
    sms.close();
  }
}
