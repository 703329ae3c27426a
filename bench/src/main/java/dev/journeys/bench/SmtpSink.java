package dev.journeys.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A minimal SMTP server on loopback that accepts everything and notes, per recipient, when the
 * first message to it was received ({@link System#nanoTime()} in the bench's JVM, the same clock
 * the load generator stamps events with). Kept deliberately small: a receipt time is all the bench
 * needs, and GreenMail's bookkeeping would add its own latency.
 */
final class SmtpSink implements AutoCloseable {

  private final ServerSocket server;
  private final ExecutorService connections = Executors.newVirtualThreadPerTaskExecutor();
  private final Map<String, Long> firstReceipt = new ConcurrentHashMap<>();
  private volatile boolean open = true;

  SmtpSink() {
    try {
      server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException("no port for the SMTP sink", e);
    }
    Thread.ofPlatform().daemon().name("smtp-sink").start(this::accept);
  }

  int port() {
    return server.getLocalPort();
  }

  /** When the first message to this address arrived (nanoTime), or null. */
  Long receivedAt(String address) {
    return firstReceipt.get(address.toLowerCase(Locale.ROOT));
  }

  int received() {
    return firstReceipt.size();
  }

  private void accept() {
    while (open) {
      try {
        Socket socket = server.accept();
        connections.submit(() -> converse(socket));
      } catch (IOException e) {
        if (open) {
          System.err.println("smtp sink: " + e.getMessage());
        }
      }
    }
  }

  private void converse(Socket socket) {
    try (socket;
        var in =
            new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        Writer out =
            new java.io.OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8)) {
      reply(out, "220 bench smtp sink");
      List<String> recipients = new ArrayList<>();
      String line;
      while ((line = in.readLine()) != null) {
        String upper = line.toUpperCase(Locale.ROOT);
        if (upper.startsWith("EHLO") || upper.startsWith("HELO")) {
          reply(out, "250 bench");
        } else if (upper.startsWith("MAIL FROM")) {
          recipients.clear();
          reply(out, "250 ok");
        } else if (upper.startsWith("RCPT TO")) {
          recipients.add(address(line));
          reply(out, "250 ok");
        } else if (upper.equals("DATA")) {
          reply(out, "354 end with .");
          String data;
          while ((data = in.readLine()) != null && !data.equals(".")) {
            // the body is not kept
          }
          long now = System.nanoTime();
          for (String recipient : recipients) {
            firstReceipt.putIfAbsent(recipient, now);
          }
          reply(out, "250 queued");
        } else if (upper.startsWith("QUIT")) {
          reply(out, "221 bye");
          return;
        } else {
          // RSET, NOOP and anything else
          reply(out, "250 ok");
        }
      }
    } catch (IOException e) {
      // a client that hangs up early: nothing to record
    }
  }

  private static String address(String rcptLine) {
    int open = rcptLine.indexOf('<');
    int close = rcptLine.indexOf('>');
    String address =
        open >= 0 && close > open ? rcptLine.substring(open + 1, close) : rcptLine.substring(8);
    return address.trim().toLowerCase(Locale.ROOT);
  }

  private static void reply(Writer out, String line) throws IOException {
    out.write(line + "\r\n");
    out.flush();
  }

  @Override
  public void close() {
    open = false;
    try {
      server.close();
    } catch (IOException e) {
      // closing anyway
    }
    connections.shutdownNow();
  }
}
