package dev.p2pchat.server.stun;

import dev.p2pchat.protocol.stun.StunConstants;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the STUN server listens. With an alternate address the server does RFC 5780 behaviour
 * discovery: it listens on the four combinations of (bind or alternate address) x (port or alternate
 * port) and answers CHANGE-REQUEST from the right one. Port 0 picks free ports (tests).
 *
 * @param bindAddress the primary address A1; must be a specific address when an alternate is given,
 *     because RESPONSE-ORIGIN and CHANGE-REQUEST need to know which address a reply leaves from
 * @param port the primary port P1 (default 3478)
 * @param alternateAddress A2, on the same host, of the same IP family
 * @param alternatePort P2 (default P1 + 1); used only with an alternate address
 */
public record StunServerConfig(InetAddress bindAddress, int port, Optional<InetAddress> alternateAddress, int alternatePort) {

  public StunServerConfig {
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(alternateAddress, "alternateAddress");
    checkPort(port, "STUN port");
    checkPort(alternatePort, "STUN alternate port");
    alternateAddress.ifPresent(alternate -> {
      if (bindAddress.isAnyLocalAddress()) {
        throw new IllegalArgumentException(
            "an alternate STUN address needs a specific bind address, not " + bindAddress.getHostAddress());
      }
      if (alternate.equals(bindAddress) || alternate.isAnyLocalAddress()) {
        throw new IllegalArgumentException("the alternate STUN address must be another specific address");
      }
      if (alternate.getClass() != bindAddress.getClass()) {
        throw new IllegalArgumentException("the alternate STUN address must be of the same IP family");
      }
    });
    if (port != 0 && port == alternatePort) {
      throw new IllegalArgumentException("the alternate STUN port must differ from the port");
    }
  }

  /** No alternate address: Binding only, CHANGE-REQUEST answered with 420 (RFC 5780 §6). */
  public static StunServerConfig of(InetAddress bindAddress, int port) {
    return new StunServerConfig(bindAddress, port, Optional.empty(), defaultAlternatePort(port));
  }

  /** Listens on every address on the default port 3478. */
  public static StunServerConfig defaults() {
    return of(wildcard(), StunConstants.DEFAULT_PORT);
  }

  public StunServerConfig withAlternateAddress(InetAddress alternate) {
    return new StunServerConfig(bindAddress, port, Optional.of(alternate), alternatePort);
  }

  public StunServerConfig withAlternatePort(int value) {
    return new StunServerConfig(bindAddress, port, alternateAddress, value);
  }

  /** Whether the server does RFC 5780 behaviour discovery. */
  public boolean behaviorDiscovery() {
    return alternateAddress.isPresent();
  }

  /** P1 + 1, or P1 - 1 at the top of the range; 0 (any free port) stays 0. */
  public static int defaultAlternatePort(int port) {
    return port == 0 ? 0 : port == 65535 ? 65534 : port + 1;
  }

  private static void checkPort(int port, String what) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(what + " out of range: " + port);
    }
  }

  private static InetAddress wildcard() {
    try {
      return InetAddress.getByAddress(new byte[4]);
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }
}
