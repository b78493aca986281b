package io.quiver.benchmarks.cluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * The loopback floor for the transfer benchmark: {@code bytes} sent over one 127.0.0.1 TCP connection
 * between two threads of this JVM, 1 MiB direct buffers, no framing or copies beyond the kernel's. Any
 * transport between two JVMs on this machine pays at least this; on the 2-core Firecracker VM it is far
 * from memory speed (the kernel's loopback path and, under load, waiting for a CPU).
 */
final class RawTcpCopy {
  private static final int CHUNK = 1 << 20;

  private RawTcpCopy() {}

  /** Seconds to move {@code bytes} from one thread to another over loopback TCP. */
  static double seconds(long bytes) throws Exception {
    try (ServerSocketChannel server = ServerSocketChannel.open()) {
      server.bind(new InetSocketAddress("127.0.0.1", 0));
      Thread sender = new Thread(() -> {
        try (SocketChannel out = server.accept()) {
          ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK);
          for (long sent = 0; sent < bytes; ) {
            buf.clear().limit((int) Math.min(CHUNK, bytes - sent));
            while (buf.hasRemaining()) {
              sent += out.write(buf);
            }
          }
        } catch (IOException e) {
          throw new IllegalStateException("raw TCP sender failed", e);
        }
      }, "raw-tcp-sender");
      sender.start();
      long t0 = System.nanoTime();
      long got = 0;
      try (SocketChannel in = SocketChannel.open(server.getLocalAddress())) {
        ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK);
        int n;
        while ((n = in.read(buf.clear())) >= 0) {
          got += n;
        }
      }
      double secs = (System.nanoTime() - t0) / 1e9;
      sender.join();
      if (got != bytes) {
        throw new IllegalStateException("raw TCP copy received " + got + " of " + bytes + " bytes");
      }
      return secs;
    }
  }
}
