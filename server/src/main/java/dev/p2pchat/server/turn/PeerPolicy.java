package dev.p2pchat.server.turn;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Where the relay may send. A TURN server that relays anywhere is an open proxy into its own host
 * and network, so:
 *
 * <ul>
 *   <li>never to an unspecified, multicast, broadcast or link-local address;
 *   <li>never to the server's own addresses or loopback, unless {@code allowLoopbackPeers} (tests
 *       only) — and even then never to the server's own STUN/TURN sockets, which would make the relay
 *       talk to itself;
 *   <li>one exception: the relayed address of a live allocation on this server, so that two clients
 *       relayed by the same server can reach each other (that socket only accepts from its own
 *       permissions).
 * </ul>
 *
 * Permissions (RFC 8656 §9) are per IP address, so {@link #permits(InetAddress)} decides
 * CreatePermission and ChannelBind; {@link #mayRelayTo} is asked again for every datagram, with the
 * port.
 */
final class PeerPolicy {
  private volatile Set<InetAddress> own;
  private final InetAddress relayIp;
  private final boolean allowLoopbackPeers;
  /** Null until the listening sockets are known; meanwhile no own address is relayed to at all. */
  private volatile Set<InetSocketAddress> serverSockets;

  /** @param own the server's addresses (interfaces and relay address) */
  PeerPolicy(Set<InetAddress> own, InetAddress relayIp, boolean allowLoopbackPeers) {
    this.own = Set.copyOf(own);
    this.relayIp = relayIp;
    this.allowLoopbackPeers = allowLoopbackPeers;
  }

  /**
   * The server's own UDP sockets (STUN/TURN listeners), possibly on the wildcard address, which then
   * stands for every own address. Their addresses count as own too.
   */
  void serverSockets(Set<InetSocketAddress> sockets) {
    Set<InetAddress> more = new HashSet<>(own);
    sockets.forEach(s -> more.add(s.getAddress()));
    own = Set.copyOf(more);
    serverSockets = Set.copyOf(sockets);
  }

  /** Whether a permission (or channel) for {@code peer} may be installed. */
  boolean permits(InetAddress peer) {
    InetAddress ip = unmapped(peer);
    if (ip.isAnyLocalAddress() || ip.isMulticastAddress() || ip.isLinkLocalAddress() || isBroadcast(ip)) {
      return false;
    }
    return !isOwn(ip) || allowLoopbackPeers || ip.equals(relayIp);
  }

  /** Whether one datagram may go to {@code peer}, which holds a permission; {@code liveRelayed}: it is an allocation's relayed address. */
  boolean mayRelayTo(InetSocketAddress peer, boolean liveRelayed) {
    InetAddress ip = unmapped(peer.getAddress());
    if (!permits(ip)) {
      return false;
    }
    if (!isOwn(ip) || liveRelayed) {
      return true;
    }
    Set<InetSocketAddress> sockets = serverSockets;
    return allowLoopbackPeers && sockets != null && !isServerSocket(sockets, ip, peer.getPort());
  }

  private boolean isOwn(InetAddress ip) {
    return ip.isLoopbackAddress() || own.contains(ip);
  }

  private static boolean isServerSocket(Set<InetSocketAddress> sockets, InetAddress ip, int port) {
    for (InetSocketAddress s : sockets) {
      if (s.getPort() == port && (s.getAddress().isAnyLocalAddress() || unmapped(s.getAddress()).equals(ip))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isBroadcast(InetAddress ip) {
    return ip instanceof Inet4Address && Arrays.equals(ip.getAddress(), new byte[] {-1, -1, -1, -1});
  }

  /** ::ffff:a.b.c.d is a.b.c.d to a dual-stack socket; judge it as that. */
  static InetAddress unmapped(InetAddress ip) {
    byte[] b = ip.getAddress();
    if (ip instanceof Inet6Address && isV4Mapped(b)) {
      try {
        return InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16));
      } catch (UnknownHostException e) {
        throw new AssertionError("four bytes are an IPv4 address", e);
      }
    }
    return ip;
  }

  private static boolean isV4Mapped(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return b[10] == -1 && b[11] == -1;
  }

  /** Every address of this host's interfaces, up or down: all of them are "own". */
  static Set<InetAddress> interfaceAddresses() {
    Set<InetAddress> out = new HashSet<>();
    try {
      NetworkInterface.networkInterfaces().forEach(nic -> nic.inetAddresses().forEach(out::add));
    } catch (SocketException e) {
      // Without the list, loopback and the configured addresses are still refused.
    }
    return out;
  }
}
