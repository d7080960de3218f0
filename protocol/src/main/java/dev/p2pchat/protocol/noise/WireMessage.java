package dev.p2pchat.protocol.noise;

/** One p2p Noise datagram: a handshake initiation, a handshake response, or transport data. */
public sealed interface WireMessage permits HandshakeInitiation, HandshakeResponse, TransportData {
  /** The exact bytes on the wire. */
  byte[] encode();
}
