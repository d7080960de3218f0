package dev.p2pchat.protocol.stun;

import static dev.p2pchat.protocol.stun.StunConstants.FAMILY_IPV4;
import static dev.p2pchat.protocol.stun.StunConstants.FAMILY_IPV6;
import static dev.p2pchat.protocol.stun.StunConstants.MAGIC_COOKIE;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * The address format shared by MAPPED-ADDRESS and its relatives (RFC 8489 §14.1), and the XOR
 * obfuscation of XOR-MAPPED-ADDRESS (§14.2):
 *
 * <pre>
 *  0                   1                   2                   3
 * |0 0 0 0 0 0 0 0|    Family     |         Port (X-Port)         |
 * |            Address (X-Address), 32 or 128 bits ...            |
 * </pre>
 *
 * X-Port is the port XOR the cookie's top 16 bits; X-Address is the address XOR the cookie (IPv4) or
 * XOR the cookie followed by the transaction id (IPv6).
 */
final class AddressCodec {
  private AddressCodec() {}

  /** Decodes; {@code xorWith} is the message's transaction id for XOR attributes, null otherwise. */
  static InetSocketAddress decode(AttributeValue v, TransactionId xorWith) throws StunParseException {
    v.expectAtLeast(4);
    int family = v.u8(1);
    int port = v.u16(2);
    int addressLength =
        switch (family) {
          case FAMILY_IPV4 -> 4;
          case FAMILY_IPV6 -> 16;
          default -> throw v.malformed("unknown address family " + family);
        };
    v.expectLength(4 + addressLength);
    byte[] address = v.bytes(4, addressLength);
    if (xorWith != null) {
      port ^= MAGIC_COOKIE >>> 16;
      xor(address, xorWith);
    }
    return new InetSocketAddress(inetAddress(address), port);
  }

  /** The value bytes of an address attribute. */
  static byte[] encode(InetSocketAddress socketAddress, TransactionId xorWith) {
    InetAddress ip = socketAddress.getAddress();
    byte[] address = ip.getAddress();
    byte[] out = new byte[4 + address.length];
    out[1] = (byte) (ip instanceof Inet4Address ? FAMILY_IPV4 : FAMILY_IPV6);
    int port = socketAddress.getPort();
    if (xorWith != null) {
      port ^= MAGIC_COOKIE >>> 16;
      xor(address, xorWith);
    }
    out[2] = (byte) (port >>> 8);
    out[3] = (byte) port;
    System.arraycopy(address, 0, out, 4, address.length);
    return out;
  }

  /** XORs in place with the cookie and, past its 4 bytes, the transaction id. */
  private static void xor(byte[] address, TransactionId id) {
    byte[] pad = new byte[16];
    pad[0] = (byte) (MAGIC_COOKIE >>> 24);
    pad[1] = (byte) (MAGIC_COOKIE >>> 16);
    pad[2] = (byte) (MAGIC_COOKIE >>> 8);
    pad[3] = (byte) MAGIC_COOKIE;
    id.writeTo(pad, 4);
    for (int i = 0; i < address.length; i++) {
      address[i] ^= pad[i];
    }
  }

  private static InetAddress inetAddress(byte[] address) {
    try {
      // Inet6Address.getByAddress keeps IPv4-mapped addresses as IPv6, so the family round-trips;
      // neither call does a name lookup.
      return address.length == 4
          ? InetAddress.getByAddress(address)
          : Inet6Address.getByAddress(null, address, -1);
    } catch (UnknownHostException e) {
      throw new AssertionError("4 or 16 bytes are always an address", e);
    }
  }
}
