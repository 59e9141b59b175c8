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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * A real SMTP server on loopback that answers RCPT TO with a reply of the test's choosing ({@code
 * 550 5.1.1 mailbox unavailable}, {@code 451 4.3.0 try later}), changeable while it runs: what
 * GreenMail cannot do. Everything else is accepted, so Angus Mail speaks its whole protocol to it.
 * It notes every RCPT TO and every message taken, with the time of the clock it is given.
 */
public final class ScriptedSmtpServer implements AutoCloseable {
  /** One RCPT TO: when, for which address, and what the server answered. */
  public record Rcpt(Instant at, String address, String reply) {}

  /** One message taken (after DATA), with the recipients the server had accepted for it. */
  public record Taken(Instant at, List<String> to) {}

  private final ServerSocket socket;
  private final LongSupplier clockMillis;
  private volatile String rcptReply;
  final AtomicInteger messagesTaken = new AtomicInteger();
  private final List<Rcpt> rcpts = new CopyOnWriteArrayList<>();
  private final List<Taken> taken = new CopyOnWriteArrayList<>();

  ScriptedSmtpServer(String rcptReply) {
    this(rcptReply, System::currentTimeMillis);
  }

  public ScriptedSmtpServer(String rcptReply, LongSupplier clockMillis) {
    this.rcptReply = rcptReply;
    this.clockMillis = clockMillis;
    try {
      socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread accept = new Thread(this::serve, "scripted-smtp");
    accept.setDaemon(true);
    accept.start();
  }

  public int port() {
    return socket.getLocalPort();
  }

  /** From the next RCPT TO on, answer {@code reply} (e.g. {@code 250 OK} once a fault is over). */
  public void answerRcptWith(String reply) {
    this.rcptReply = reply;
  }

  public List<Rcpt> rcpts() {
    return List.copyOf(rcpts);
  }

  public List<Taken> taken() {
    return List.copyOf(taken);
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
    BufferedReader in =
        new BufferedReader(
            new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
    OutputStream out = client.getOutputStream();
    reply(out, "220 scripted ESMTP");
    String line;
    List<String> accepted = new ArrayList<>();
    while ((line = in.readLine()) != null) {
      String command = line.toUpperCase(Locale.ROOT);
      if (command.startsWith("EHLO")) {
        reply(out, "250-scripted\r\n250 8BITMIME");
      } else if (command.startsWith("HELO")
          || command.startsWith("MAIL FROM")
          || command.startsWith("RSET")
          || command.startsWith("NOOP")) {
        if (command.startsWith("MAIL FROM") || command.startsWith("RSET")) {
          accepted.clear();
        }
        reply(out, "250 OK");
      } else if (command.startsWith("RCPT TO")) {
        String answer = rcptReply;
        String address = line.replaceFirst("(?i)^RCPT TO:\\s*<?([^>\\s]*)>?.*$", "$1");
        rcpts.add(new Rcpt(now(), address, answer));
        if (answer.startsWith("2")) {
          accepted.add(address);
        }
        reply(out, answer);
      } else if (command.startsWith("DATA")) {
        reply(out, "354 go ahead");
        while ((line = in.readLine()) != null && !line.equals(".")) {
          // the message
        }
        messagesTaken.incrementAndGet();
        taken.add(new Taken(now(), List.copyOf(accepted)));
        accepted.clear();
        reply(out, "250 OK queued");
      } else if (command.startsWith("QUIT")) {
        reply(out, "221 bye");
        return;
      } else {
        reply(out, "502 not implemented");
      }
    }
  }

  private Instant now() {
    return Instant.ofEpochMilli(clockMillis.getAsLong());
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
