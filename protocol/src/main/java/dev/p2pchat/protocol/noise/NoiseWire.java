package dev.p2pchat.protocol.noise;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The codec of p2p Noise datagrams: one switch on the type byte, exact lengths, typed errors.
 * Types sit in the 0xD0–0xDF range that the socket demultiplexer hands to p2p frames.
 */
public final class NoiseWire {
  private NoiseWire() {}

  public static final byte TYPE_INITIATION = (byte) 0xD2;
  public static final byte TYPE_RESPONSE = (byte) 0xD3;
  public static final byte TYPE_TRANSPORT = (byte) 0xD4;
  /** Reserved for a WireGuard-style cookie reply (load-time DoS protection); not sent yet. */
  public static final byte TYPE_COOKIE_REPLY = (byte) 0xD5;

  /** Whether {@code firstByte} is one of the Noise message types (including reserved ones). */
  public static boolean isNoiseType(byte firstByte) {
    return firstByte >= TYPE_INITIATION && firstByte <= TYPE_COOKIE_REPLY;
  }

  public static WireMessage decode(byte[] packet) throws WireFormatException {
    if (packet.length == 0) {
      throw new WireFormatException(new WireError.Empty());
    }
    return switch (packet[0]) {
      case TYPE_INITIATION -> decodeInitiation(packet);
      case TYPE_RESPONSE -> decodeResponse(packet);
      case TYPE_TRANSPORT -> decodeTransport(packet);
      case TYPE_COOKIE_REPLY -> throw new WireFormatException(new WireError.ReservedType(packet[0] & 0xff));
      default -> throw new WireFormatException(new WireError.UnknownType(packet[0] & 0xff));
    };
  }

  private static HandshakeInitiation decodeInitiation(byte[] packet) throws WireFormatException {
    ProtocolVersion version = version(packet, HandshakeInitiation.HEADER_LENGTH);
    byte[] noise = noise(packet, HandshakeInitiation.HEADER_LENGTH, version.minimumNoiseLength(0));
    return new HandshakeInitiation(version, ByteBuffer.wrap(packet, 2, 4).getInt(), noise);
  }

  private static HandshakeResponse decodeResponse(byte[] packet) throws WireFormatException {
    ProtocolVersion version = version(packet, HandshakeResponse.HEADER_LENGTH);
    byte[] noise = noise(packet, HandshakeResponse.HEADER_LENGTH, version.minimumNoiseLength(1));
    ByteBuffer header = ByteBuffer.wrap(packet, 2, 8);
    return new HandshakeResponse(version, header.getInt(), header.getInt(), noise);
  }

  private static TransportData decodeTransport(byte[] packet) throws WireFormatException {
    byte[] ciphertext = noise(packet, TransportData.HEADER_LENGTH, NoiseSpec.TAG_LENGTH);
    ByteBuffer header = ByteBuffer.wrap(packet, 1, 12);
    return new TransportData(header.getInt(), header.getLong(), ciphertext);
  }

  /** The version byte, checked before lengths: its minimum lengths depend on it. */
  private static ProtocolVersion version(byte[] packet, int headerLength) throws WireFormatException {
    if (packet.length < 2) {
      throw new WireFormatException(new WireError.TooShort(packet[0] & 0xff, packet.length, headerLength));
    }
    int wire = packet[1] & 0xff;
    return ProtocolVersion.of(wire).orElseThrow(() -> new WireFormatException(new WireError.UnsupportedVersion(wire)));
  }

  private static byte[] noise(byte[] packet, int headerLength, int minimum) throws WireFormatException {
    int type = packet[0] & 0xff;
    if (packet.length < headerLength + minimum) {
      throw new WireFormatException(new WireError.TooShort(type, packet.length, headerLength + minimum));
    }
    if (packet.length > headerLength + NoiseSpec.MAX_MESSAGE_LENGTH) {
      throw new WireFormatException(
          new WireError.TooLong(type, packet.length, headerLength + NoiseSpec.MAX_MESSAGE_LENGTH));
    }
    return Arrays.copyOfRange(packet, headerLength, packet.length);
  }
}
