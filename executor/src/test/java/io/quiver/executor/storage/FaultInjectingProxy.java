package io.quiver.executor.storage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on 127.0.0.1 (a free port) in front of an S3 server that answers the first request of
 * the first {@code failures} connections with {@code 503 Service Unavailable} (and closes them), then
 * passes every connection through untouched. The SDK retries on a fresh connection, so "the first N
 * requests fail, then S3 recovers". Counts connections and the bytes the server sent back.
 *
 * <p>With {@code oneRequestPerConnection} every request carries {@code Connection: close} to the server,
 * so the SDK opens a connection per request and "the next n connections" means "the next n requests",
 * also for a client that already holds pooled connections (e.g. in the middle of a COPY).
 */
public final class FaultInjectingProxy implements AutoCloseable {
  private static final String BODY = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>ServiceUnavailable</Code>"
      + "<Message>injected by the test</Message></Error>";

  private final ServerSocket server;
  private final int upstreamPort;
  private final AtomicInteger failuresLeft;
  /** Connections let through before {@link #failuresLeft} applies (see {@link #failAfter}). */
  private final AtomicInteger passesLeft = new AtomicInteger();
  private final boolean oneRequestPerConnection;
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicLong bytesDown = new AtomicLong();
  /** When {@link #bytesDown} reaches this, the connection carrying it is cut (once); -1: never. */
  private final AtomicLong cutAt = new AtomicLong(-1);
  private final Thread acceptor;

  public FaultInjectingProxy(int upstreamPort, int failures) throws IOException {
    this(upstreamPort, failures, false);
  }

  public FaultInjectingProxy(int upstreamPort, int failures, boolean oneRequestPerConnection) throws IOException {
    this.upstreamPort = upstreamPort;
    this.oneRequestPerConnection = oneRequestPerConnection;
    this.failuresLeft = new AtomicInteger(failures);
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::acceptLoop, "fault-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public String endpoint() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  /** Requests answered with 503 so far. */
  public int failed() {
    return failed.get();
  }

  public int connections() {
    return connections.get();
  }

  /** Bytes the S3 server sent through the proxy (responses, headers included). */
  public long bytesDown() {
    return bytesDown.get();
  }

  /** Cuts the connection that is sending data once {@code bytes} more bytes came down (a dropped body). */
  public void cutAfter(long bytes) {
    cutAt.set(bytesDown.get() + bytes);
  }

  /** Makes the next {@code n} new connections fail. */
  public void failNext(int n) {
    passesLeft.set(0);
    failuresLeft.set(n);
  }

  /** Lets the next {@code passing} new connections through, then makes {@code n} fail. */
  public void failAfter(int passing, int n) {
    failuresLeft.set(0);
    passesLeft.set(passing);
    failuresLeft.set(n);
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        connections.incrementAndGet();
        Thread t = new Thread(() -> handle(client), "fault-proxy-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void handle(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      byte[] head = readHead(in);
      if (head == null) {
        return;
      }
      boolean pass = passesLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
      if (!pass && failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        skipBody(in, new String(head, StandardCharsets.ISO_8859_1));
        failed.incrementAndGet();
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        OutputStream out = client.getOutputStream();
        out.write(("HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/xml\r\nContent-Length: "
            + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
        return;
      }
      try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
        upstream.getOutputStream().write(oneRequestPerConnection ? closing(head) : head);
        OutputStream toUpstream = upstream.getOutputStream(); // taken now: the socket may close before the thread runs
        Thread up = new Thread(() -> pipe(in, toUpstream, null), "fault-proxy-up");
        up.setDaemon(true);
        up.start();
        pipe(upstream.getInputStream(), client.getOutputStream(), bytesDown);
        upstream.close(); // a cut connection: both ends go
        up.join(1000);
      }
    } catch (IOException | InterruptedException e) {
      // A connection the client or server dropped; the test sees the effect through the SDK.
    }
  }

  private void pipe(InputStream from, OutputStream to, AtomicLong count) {
    byte[] buf = new byte[1 << 16];
    try {
      int n;
      while ((n = from.read(buf)) > 0) {
        to.write(buf, 0, n);
        to.flush();
        if (count != null) {
          long total = count.addAndGet(n);
          long cut = cutAt.get();
          if (cut >= 0 && total >= cut && cutAt.compareAndSet(cut, -1)) {
            return; // closes "to" below: the client sees the body end early
          }
        }
      }
    } catch (IOException e) {
      // one side closed
    } finally {
      try {
        to.close();
      } catch (IOException ignored) {
        // already closed
      }
    }
  }

  /** The request line and headers up to and including the blank line, or null at end of stream. */
  private static byte[] readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    int b;
    while ((b = in.read()) >= 0) {
      head.write(b);
      matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
          ? matched + 1 : (b == '\r' ? 1 : 0);
      if (matched == 4) {
        return head.toByteArray();
      }
    }
    return null;
  }

  /** The request head with its Connection header replaced by {@code Connection: close}. */
  private static byte[] closing(byte[] head) {
    StringBuilder out = new StringBuilder();
    for (String line : new String(head, StandardCharsets.ISO_8859_1).split("\r\n")) {
      if (!line.isEmpty() && !line.toLowerCase(Locale.ROOT).startsWith("connection:")) {
        out.append(line).append("\r\n");
      }
    }
    return out.append("Connection: close\r\n\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static void skipBody(InputStream in, String head) throws IOException {
    if (head.toLowerCase(Locale.ROOT).contains("expect: 100-continue")) {
      return; // the client waits for our answer before sending the body
    }
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        long left = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
        while (left > 0) {
          long n = in.skip(left);
          if (n <= 0) {
            if (in.read() < 0) {
              return;
            }
            n = 1;
          }
          left -= n;
        }
      }
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
