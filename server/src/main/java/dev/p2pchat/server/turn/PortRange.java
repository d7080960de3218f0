package dev.p2pchat.server.turn;

/** The UDP ports relayed sockets may bind, inclusive: {@code --relay-ports MIN-MAX}. */
public record PortRange(int min, int max) {
  /** coturn's default, the IANA dynamic range (RFC 6335 §6). */
  public static final PortRange DEFAULT = new PortRange(49152, 65535);

  public PortRange {
    if (min < 1 || max > 65535 || min > max) {
      throw new IllegalArgumentException("a port range is MIN-MAX with 1 <= MIN <= MAX <= 65535, not " + min + "-" + max);
    }
  }

  /** Parses "MIN-MAX". */
  public static PortRange parse(String text) {
    String[] parts = text.strip().split("-", -1);
    if (parts.length != 2) {
      throw new IllegalArgumentException("a port range is MIN-MAX, not " + text);
    }
    try {
      return new PortRange(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("a port range is MIN-MAX, not " + text);
    }
  }

  public int size() {
    return max - min + 1;
  }

  public boolean contains(int port) {
    return port >= min && port <= max;
  }

  @Override
  public String toString() {
    return min + "-" + max;
  }
}
