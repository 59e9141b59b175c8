package dev.fireline.notify.email;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real SMTP server on loopback that answers RCPT TO with a reply of the test's choosing
 * ({@code 550 5.1.1 mailbox unavailable}, {@code 451 4.3.0 try later}): what GreenMail cannot do.
 * Everything else is accepted, so Angus Mail speaks its whole protocol to it.
 */
final class ScriptedSmtpServer implements AutoCloseable {
  private final ServerSocket socket;
  private final String rcptReply;
  final AtomicInteger messagesTaken = new AtomicInteger();

  ScriptedSmtpServer(String rcptReply) {
    this.rcptReply = rcptReply;
    try {
      socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread accept = new Thread(this::serve, "scripted-smtp");
    accept.setDaemon(true);
    accept.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  private void serve() {
    while (!socket.isClosed()) {
      try (Socket client = socket.accept()) {
        converse(client);
      } catch (IOException closed) {
        // the server or the client went away
      }
    }
  }

  private void converse(Socket client) throws IOException {
    BufferedReader in = new BufferedReader(
        new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
    OutputStream out = client.getOutputStream();
    reply(out, "220 scripted ESMTP");
    String line;
    while ((line = in.readLine()) != null) {
      String command = line.toUpperCase(Locale.ROOT);
      if (command.startsWith("EHLO")) {
        reply(out, "250-scripted\r\n250 8BITMIME");
      } else if (command.startsWith("HELO") || command.startsWith("MAIL FROM")
          || command.startsWith("RSET") || command.startsWith("NOOP")) {
        reply(out, "250 OK");
      } else if (command.startsWith("RCPT TO")) {
        reply(out, rcptReply);
      } else if (command.startsWith("DATA")) {
        reply(out, "354 go ahead");
        while ((line = in.readLine()) != null && !line.equals(".")) {
          // the message
        }
        messagesTaken.incrementAndGet();
        reply(out, "250 OK queued");
      } else if (command.startsWith("QUIT")) {
        reply(out, "221 bye");
        return;
      } else {
        reply(out, "502 not implemented");
      }
    }
  }

  private static void reply(OutputStream out, String text) throws IOException {
    out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
