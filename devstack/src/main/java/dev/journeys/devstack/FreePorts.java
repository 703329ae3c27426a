package dev.journeys.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Picks loopback ports that are free right now, for tests that must not collide with a dev stack.
 *
 * <p>A port that is merely closed goes back to the kernel's pool at once, so the next process that
 * binds port 0 may be handed it before our server binds it. The Temporal CLI picks its HTTP,
 * metrics and internal ports that way, and once took the gRPC port picked for it (CI failed with
 * "bind: address already in use"). So each picked port is left in TIME_WAIT: a connection to it is
 * accepted and closed from the listening side first. For about a minute the kernel then skips it
 * when it hands out port 0, while a server that binds it by number with {@code SO_REUSEADDR} still
 * can: Go, the JDK's server sockets and PostgreSQL all set that option.
 */
public final class FreePorts {

  private FreePorts() {}

  public static int pick() {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    try (ServerSocket listener = new ServerSocket()) {
      listener.setReuseAddress(true);
      listener.bind(new InetSocketAddress(loopback, 0), 1);
      int port = listener.getLocalPort();
      try (Socket client = new Socket(loopback, port);
          Socket accepted = listener.accept()) {
        // the side that closes first keeps the port in TIME_WAIT: make that the listening side
        accepted.close();
      }
      return port;
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }
}
