package dev.p2pchat.protocol.stun;

import static dev.p2pchat.protocol.stun.StunConstants.CHANGED_ADDRESS;
import static dev.p2pchat.protocol.stun.StunConstants.MAPPED_ADDRESS;
import static dev.p2pchat.protocol.stun.StunConstants.OTHER_ADDRESS;
import static dev.p2pchat.protocol.stun.StunConstants.RESPONSE_ORIGIN;
import static dev.p2pchat.protocol.stun.StunConstants.SOURCE_ADDRESS;
import static dev.p2pchat.protocol.stun.StunConstants.XOR_MAPPED_ADDRESS;
import static dev.p2pchat.protocol.stun.StunConstants.XOR_PEER_ADDRESS;
import static dev.p2pchat.protocol.stun.StunConstants.XOR_RELAYED_ADDRESS;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Attributes that carry one transport address, in the MAPPED-ADDRESS format (RFC 8489 §14.1) or, for the
 * XOR- ones, obfuscated with the magic cookie and transaction id (§14.2) so that NATs that rewrite
 * addresses in payloads leave them alone. IPv4 addresses are {@link java.net.Inet4Address}, IPv6 ones
 * {@link java.net.Inet6Address} (an IPv4-mapped IPv6 address stays IPv6, so the family round-trips).
 */
public sealed interface AddressAttribute extends StunAttribute {

  InetSocketAddress address();

  /** Whether the attribute is sent XOR'ed (RFC 8489 §14.2). */
  static boolean isXor(int type) {
    return type == XOR_MAPPED_ADDRESS || type == XOR_PEER_ADDRESS || type == XOR_RELAYED_ADDRESS;
  }

  private static InetSocketAddress check(InetSocketAddress address) {
    Objects.requireNonNull(address, "address");
    if (address.isUnresolved()) {
      throw new IllegalArgumentException("an address attribute needs an IP address, not a name: " + address);
    }
    return address;
  }

  /** RFC 8489 §14.1: the reflexive address, plain; sent to RFC 3489 clients and by RFC 5780 servers. */
  record MappedAddress(InetSocketAddress address) implements AddressAttribute {
    public MappedAddress {
      check(address);
    }

    @Override
    public int type() {
      return MAPPED_ADDRESS;
    }
  }

  /** RFC 8489 §14.2: the reflexive address, XOR'ed. */
  record XorMappedAddress(InetSocketAddress address) implements AddressAttribute {
    public XorMappedAddress {
      check(address);
    }

    @Override
    public int type() {
      return XOR_MAPPED_ADDRESS;
    }
  }

  /** RFC 3489 §11.2.5: where a classic response was sent from. */
  record SourceAddress(InetSocketAddress address) implements AddressAttribute {
    public SourceAddress {
      check(address);
    }

    @Override
    public int type() {
      return SOURCE_ADDRESS;
    }
  }

  /** RFC 3489 §11.2.3: the server's other IP and port, for classic clients. */
  record ChangedAddress(InetSocketAddress address) implements AddressAttribute {
    public ChangedAddress {
      check(address);
    }

    @Override
    public int type() {
      return CHANGED_ADDRESS;
    }
  }

  /** RFC 5780 §7.3: where the response was sent from. */
  record ResponseOrigin(InetSocketAddress address) implements AddressAttribute {
    public ResponseOrigin {
      check(address);
    }

    @Override
    public int type() {
      return RESPONSE_ORIGIN;
    }
  }

  /** RFC 5780 §7.4: the server's alternate IP and port. */
  record OtherAddress(InetSocketAddress address) implements AddressAttribute {
    public OtherAddress {
      check(address);
    }

    @Override
    public int type() {
      return OTHER_ADDRESS;
    }
  }

  /** RFC 8656 §18: a TURN peer. */
  record XorPeerAddress(InetSocketAddress address) implements AddressAttribute {
    public XorPeerAddress {
      check(address);
    }

    @Override
    public int type() {
      return XOR_PEER_ADDRESS;
    }
  }

  /** RFC 8656 §18: the address a TURN server relays from. */
  record XorRelayedAddress(InetSocketAddress address) implements AddressAttribute {
    public XorRelayedAddress {
      check(address);
    }

    @Override
    public int type() {
      return XOR_RELAYED_ADDRESS;
    }
  }
}
