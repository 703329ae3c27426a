package dev.journeys.bench.bare;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** One plain SMTP conversation per email, like the worker's mail sender: connect, send, quit. */
public class BareMailActivityImpl implements BareMailActivity {

  private final String host;
  private final int port;

  public BareMailActivityImpl(String host, int port) {
    this.host = host;
    this.port = port;
  }

  @Override
  public void send(String email) {
    try (Socket socket = new Socket(host, port);
        var in =
            new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        Writer out =
            new java.io.OutputStreamWriter(socket.getOutputStream(), StandardCharsets.US_ASCII)) {
      expect(in, "220");
      command(out, in, "EHLO bench", "250");
      command(out, in, "MAIL FROM:<bench@example.com>", "250");
      command(out, in, "RCPT TO:<" + email + ">", "250");
      command(out, in, "DATA", "354");
      command(
          out,
          in,
          "Subject: welcome\r\nTo: " + email + "\r\n\r\nWelcome (bare baseline).\r\n.",
          "250");
      command(out, in, "QUIT", "221");
    } catch (IOException e) {
      throw new UncheckedIOException("SMTP send to " + email + " failed", e);
    }
  }

  private static void command(Writer out, BufferedReader in, String line, String code)
      throws IOException {
    out.write(line + "\r\n");
    out.flush();
    expect(in, code);
  }

  private static void expect(BufferedReader in, String code) throws IOException {
    String reply = in.readLine();
    // multi-line replies: "250-..." continues, "250 ..." ends
    while (reply != null && reply.length() > 3 && reply.charAt(3) == '-') {
      reply = in.readLine();
    }
    if (reply == null || !reply.startsWith(code)) {
      throw new IOException("expected " + code + ", got " + reply);
    }
  }
}
