package io.quiver.executor.cluster.flight;

/**
 * How a {@link RemoteWorkerClient} fetches a block: over {@code stripes} concurrent {@code DoGet} streams
 * ({@link StripedTicket}, put back in order by {@link StripedBlockStream}), spread over {@code
 * connections} gRPC channels (each its own TCP connection and Netty event loop on both ends). One
 * stream over one connection is the plain Flight fetch. {@link #DEFAULT} reads the system properties
 * {@code quiver.fetch.stripes} and {@code quiver.fetch.connections}, for measuring other settings.
 */
public record BlockTransfer(int stripes, int connections) {
  /**
   * One stream over one connection: more stripes or connections measured no faster between two worker
   * JVMs on the 2-core machine (see benchmarks/README.md, cluster transfer); they may pay between machines.
   */
  public static final BlockTransfer DEFAULT = new BlockTransfer(Integer.getInteger("quiver.fetch.stripes", 1),
      Integer.getInteger("quiver.fetch.connections", 1));

  public BlockTransfer {
    if (stripes < 1 || connections < 1) {
      throw new IllegalArgumentException("a block transfer needs at least one stripe and one connection, not "
          + stripes + " and " + connections);
    }
  }

  /** Parses {@code "stripes"} or {@code "stripes x connections"} ({@code 2x2}), as the benchmark takes it. */
  public static BlockTransfer parse(String text) {
    String[] p = text.trim().split("x");
    int stripes = Integer.parseInt(p[0].trim());
    return new BlockTransfer(stripes, p.length > 1 ? Integer.parseInt(p[1].trim()) : 1);
  }

  @Override
  public String toString() {
    return stripes + "x" + connections;
  }
}
