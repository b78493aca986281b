package io.quiver.executor.cluster.flight;

import io.quiver.executor.cluster.BlockId;

/**
 * A {@code DoGet} ticket for one stripe of a block: {@code <block ticket>#k/n} asks for the block's
 * non-empty batches {@code i} with {@code i % n == k} (in order), so a fetcher can pull one block over
 * {@code n} concurrent streams and interleave them back into the block's order ({@link
 * StripedBlockStream}). A plain block ticket is stripe 0 of 1: every batch.
 */
record StripedTicket(BlockId block, int stripe, int stripes) {
  private static final char SEPARATOR = '#';

  StripedTicket {
    if (stripes < 1 || stripe < 0 || stripe >= stripes) {
      throw new IllegalArgumentException("stripe " + stripe + " of " + stripes + " of block " + block.ticket());
    }
  }

  /** The ticket's text. */
  String encode() {
    return stripes == 1 ? block.ticket() : block.ticket() + SEPARATOR + stripe + "/" + stripes;
  }

  /** Parses {@link #encode()} (and plain block tickets). */
  static StripedTicket parse(String ticket) {
    int hash = ticket.lastIndexOf(SEPARATOR);
    if (hash < 0) {
      return new StripedTicket(BlockId.parse(ticket), 0, 1);
    }
    String[] kn = ticket.substring(hash + 1).split("/");
    if (kn.length != 2) {
      throw new IllegalArgumentException("not a striped block ticket: " + ticket);
    }
    return new StripedTicket(BlockId.parse(ticket.substring(0, hash)), Integer.parseInt(kn[0]),
        Integer.parseInt(kn[1]));
  }

  /** Whether this stripe carries the block's {@code index}-th non-empty batch. */
  boolean carries(long index) {
    return index % stripes == stripe;
  }
}
