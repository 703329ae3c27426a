package dev.journeys.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortsTest {

  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  /**
   * What the Temporal CLI does for its HTTP and internal ports, and what made a dev server fail in
   * CI with its own gRPC port "already in use": bind port 0. With plainly closed ports, a few
   * thousand such binds hit some of 200 picked ports almost surely (the kernel hands out port 0
   * from roughly 14,000 candidates of one parity); with reserved ones, never.
   */
  @Test
  void aPickedPortIsNotHandedToAnotherProcessBindingPortZero() throws IOException {
    Set<Integer> picked = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      picked.add(FreePorts.pick());
    }
    assertThat(picked).as("distinct picks").hasSize(200);

    List<Integer> handedOut = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      try (ServerSocket anyPort = new ServerSocket(0, 1, LOOPBACK)) {
        if (picked.contains(anyPort.getLocalPort())) {
          handedOut.add(anyPort.getLocalPort());
        }
      }
    }
    assertThat(handedOut).isEmpty();
  }

  @Test
  void aServerCanStillBindThePickedPortByNumber() throws IOException {
    int port = FreePorts.pick();
    try (ServerSocket server = new ServerSocket()) {
      server.setReuseAddress(true); // as Go, the JDK's server sockets and PostgreSQL do
      server.bind(new InetSocketAddress(LOOPBACK, port));
      assertThat(server.getLocalPort()).isEqualTo(port);
    }
  }
}
