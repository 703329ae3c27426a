package dev.journeys.testsupport;

import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * An SMTP server setup on a free loopback port, so test classes (and builds running side by side)
 * never fight over GreenMail's fixed default port.
 */
public final class TestSmtp {
  private TestSmtp() {}

  public static ServerSetup onFreePort() {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return new ServerSetup(socket.getLocalPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
    } catch (IOException e) {
      throw new UncheckedIOException("no free port for the test SMTP server", e);
    }
  }
}
