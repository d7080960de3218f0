package dev.p2pchat.protocol.stun;

import static dev.p2pchat.protocol.stun.StunConstants.CHANNEL_NUMBER;
import static dev.p2pchat.protocol.stun.StunConstants.DATA;
import static dev.p2pchat.protocol.stun.StunConstants.DONT_FRAGMENT;
import static dev.p2pchat.protocol.stun.StunConstants.EVEN_PORT;
import static dev.p2pchat.protocol.stun.StunConstants.LIFETIME;
import static dev.p2pchat.protocol.stun.StunConstants.REQUESTED_ADDRESS_FAMILY;
import static dev.p2pchat.protocol.stun.StunConstants.REQUESTED_TRANSPORT;
import static dev.p2pchat.protocol.stun.StunConstants.RESERVATION_TOKEN;

import java.util.Arrays;

/**
 * The TURN attributes of RFC 8656 §18 that are not addresses (XOR-PEER-ADDRESS and XOR-RELAYED-ADDRESS
 * are in {@link AddressAttribute}). Values are kept as sent; whether a channel number or transport is
 * acceptable is the TURN server's policy, not the codec's.
 */
public sealed interface TurnAttribute extends StunAttribute {

  private static int checkRange(int value, int max, String what) {
    if (value < 0 || value > max) {
      throw new IllegalArgumentException(what + " out of range: " + value);
    }
    return value;
  }

  /** A 16-bit channel number, followed on the wire by 16 reserved bits. */
  record ChannelNumber(int channel) implements TurnAttribute {
    public ChannelNumber {
      checkRange(channel, 0xFFFF, "channel number");
    }

    @Override
    public int type() {
      return CHANNEL_NUMBER;
    }
  }

  /** Seconds until an allocation expires, an unsigned 32-bit number. */
  record Lifetime(long seconds) implements TurnAttribute {
    public Lifetime {
      if (seconds < 0 || seconds > 0xFFFF_FFFFL) {
        throw new IllegalArgumentException("lifetime out of range: " + seconds);
      }
    }

    @Override
    public int type() {
      return LIFETIME;
    }
  }

  /** The application datagram of a Send or Data indication (copied in and out). */
  record Data(byte[] value) implements TurnAttribute {
    public Data {
      checkRange(value.length, 0xFFFF, "DATA length");
      value = value.clone();
    }

    @Override
    public byte[] value() {
      return value.clone();
    }

    /** The length without copying the bytes. */
    public int length() {
      return value.length;
    }

    @Override
    public int type() {
      return DATA;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Data other && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return "Data[" + value.length + " bytes]";
    }
  }

  /** An address family ({@link StunConstants#FAMILY_IPV4} or {@code _IPV6}) and 24 reserved bits. */
  record RequestedAddressFamily(int family) implements TurnAttribute {
    public RequestedAddressFamily {
      checkRange(family, 0xFF, "address family");
    }

    @Override
    public int type() {
      return REQUESTED_ADDRESS_FAMILY;
    }
  }

  /** Ask for an even relayed port, and with {@code reserve} for the next one to be held too. */
  record EvenPort(boolean reserve) implements TurnAttribute {
    @Override
    public int type() {
      return EVEN_PORT;
    }
  }

  /** An IANA protocol number ({@link StunConstants#TRANSPORT_UDP}) and 24 reserved bits. */
  record RequestedTransport(int protocol) implements TurnAttribute {
    public RequestedTransport {
      checkRange(protocol, 0xFF, "protocol number");
    }

    @Override
    public int type() {
      return REQUESTED_TRANSPORT;
    }
  }

  /** Ask the server to set the DF bit on relayed packets; no value. */
  record DontFragment() implements TurnAttribute {
    @Override
    public int type() {
      return DONT_FRAGMENT;
    }
  }

  /** An 8-byte token naming a reserved relayed port. */
  record ReservationToken(long token) implements TurnAttribute {
    @Override
    public int type() {
      return RESERVATION_TOKEN;
    }

    @Override
    public String toString() {
      return String.format("ReservationToken[%016x]", token);
    }
  }
}
