package dev.p2pchat.protocol.noise;

/**
 * The result of Noise §5.2 Split() seen from one side: the CipherState it encrypts with and the
 * one it decrypts with, plus the final handshake hash (a channel binding, §11.2).
 */
public record TransportCiphers(CipherState send, CipherState receive, byte[] handshakeHash) {
  public TransportCiphers {
    handshakeHash = handshakeHash.clone();
  }

  @Override
  public byte[] handshakeHash() {
    return handshakeHash.clone();
  }

  @Override
  public String toString() {
    return "TransportCiphers[keys redacted]";
  }
}
