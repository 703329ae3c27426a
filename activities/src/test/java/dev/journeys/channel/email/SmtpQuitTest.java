package dev.journeys.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.channel.OutboundMessage;
import dev.journeys.content.RenderedMessage;
import dev.journeys.messaging.Topic;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * A message the SMTP server has accepted (250 after DATA) is sent, whatever happens after: a server
 * slow to answer QUIT on a loaded machine must not turn an accepted message into a failed attempt,
 * which the send activity would resend (transactional) or give up as uncertain (marketing).
 */
class SmtpQuitTest {

  private ServerSocket server;
  private final AtomicInteger accepted = new AtomicInteger();
  private final CountDownLatch done = new CountDownLatch(1);

  @BeforeEach
  void startMuteOnQuitServer() throws IOException {
    server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().start(this::serve);
  }

  @AfterEach
  void stop() throws IOException {
    done.countDown();
    server.close();
  }

  @Test
  void aMessageAcceptedByTheServerIsSentEvenIfItNeverAnswersQuit() throws Exception {
    var mailer = new JavaMailSenderImpl();
    mailer.setHost("127.0.0.1");
    mailer.setPort(server.getLocalPort());
    var props = new Properties();
    props.put("mail.smtp.connectiontimeout", "2000");
    props.put("mail.smtp.timeout", "1000");
    props.put("mail.smtp.writetimeout", "1000");
    mailer.setJavaMailProperties(props);
    var channel =
        new SmtpEmailChannel(mailer, new EmailProperties("shop@journeys.test", "journeys.test"));

    String id =
        channel.send(
            new OutboundMessage(
                "k-quit",
                "ada@shop.test",
                Topic.TRANSACTIONAL,
                new RenderedMessage("Your order", "Thanks", null),
                "ada"));

    assertThat(id).matches("<[0-9a-f]{32}@journeys\\.test>");
    assertThat(accepted).hasValue(1);
  }

  /** Speaks just enough SMTP for one message, then goes silent at QUIT. */
  private void serve() {
    try (Socket socket = server.accept();
        var in =
            new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.US_ASCII)) {
      reply(out, "220 mute-on-quit ESMTP");
      String line;
      while ((line = in.readLine()) != null) {
        String command = line.toUpperCase(java.util.Locale.ROOT);
        if (command.startsWith("EHLO") || command.startsWith("HELO")) {
          reply(out, "250 mute-on-quit");
        } else if (command.startsWith("DATA")) {
          reply(out, "354 go ahead");
          while ((line = in.readLine()) != null && !line.equals(".")) {
            // the message
          }
          accepted.incrementAndGet();
          reply(out, "250 2.0.0 queued");
        } else if (command.startsWith("QUIT")) {
          done.await(10, TimeUnit.SECONDS); // no answer: the client must not wait for one
          return;
        } else {
          reply(out, "250 ok");
        }
      }
    } catch (IOException | InterruptedException e) {
      // the test is over
    }
  }

  private static void reply(Writer out, String line) throws IOException {
    out.write(line + "\r\n");
    out.flush();
  }
}
