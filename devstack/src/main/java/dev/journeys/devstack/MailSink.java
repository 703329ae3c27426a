package dev.journeys.devstack;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.journeys.logging.PersonalDataMasking;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SMTP server on loopback (GreenMail) that accepts every message and keeps it, so that mail the
 * journeys send can be seen in the log and asserted on in tests instead of reaching anyone.
 */
public final class MailSink implements AutoCloseable {

  public static final int DEV_PORT = 2525;

  private static final Logger log = LoggerFactory.getLogger(MailSink.class);

  private final GreenMail greenMail;
  private final int port;
  // GreenMail has no delivery callback, so new messages are noticed by polling.
  private final ScheduledExecutorService logger;
  private int logged;

  private MailSink(int port) {
    this.port = port;
    this.greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    greenMail.start();
    this.logger =
        Executors.newSingleThreadScheduledExecutor(
            task -> Thread.ofPlatform().daemon().name("mail-sink-log").unstarted(task));
    logger.scheduleWithFixedDelay(this::logNewMessages, 500, 500, TimeUnit.MILLISECONDS);
    log.info("Mail sink listening on smtp://127.0.0.1:{}", port);
  }

  /** The developer's sink on port 2525. */
  public static MailSink startForDevelopment() {
    return new MailSink(DEV_PORT);
  }

  /** A sink on a free port. */
  public static MailSink startOnFreePort() {
    return new MailSink(FreePorts.pick());
  }

  public String host() {
    return "127.0.0.1";
  }

  public int smtpPort() {
    return port;
  }

  /** Every message received so far, oldest first. */
  public MimeMessage[] receivedMessages() {
    return greenMail.getReceivedMessages();
  }

  /** Forgets the messages received so far, e.g. between tests. */
  public void reset() {
    try {
      greenMail.purgeEmailFromAllMailboxes();
    } catch (Exception e) {
      throw new IllegalStateException("could not purge the mail sink", e);
    }
    synchronized (this) {
      logged = 0;
    }
  }

  private synchronized void logNewMessages() {
    MimeMessage[] messages = greenMail.getReceivedMessages();
    for (int i = logged; i < messages.length; i++) {
      log.info("Mail received: {}", describe(messages[i]));
    }
    logged = Math.max(logged, messages.length);
  }

  private static String describe(MimeMessage message) {
    try {
      Address[] to = message.getAllRecipients();
      String recipients =
          to == null
              ? "?"
              : Arrays.stream(to).map(Address::toString).collect(Collectors.joining(", "));
      return "to="
          + PersonalDataMasking.mask(recipients)
          + " subject=\""
          + message.getSubject()
          + "\"";
    } catch (MessagingException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    logger.shutdownNow();
    greenMail.stop();
    log.info("Mail sink on port {} stopped", port);
  }
}
