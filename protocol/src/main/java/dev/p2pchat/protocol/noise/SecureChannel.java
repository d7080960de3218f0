package dev.p2pchat.protocol.noise;

import dev.p2pchat.protocol.replay.ReplayWindow;
import java.time.Instant;
import java.util.Optional;

/**
 * One direction pair of transport keys from a completed handshake (WireGuard's "keypair"): seals
 * with an explicit counter that travels in the packet, opens with a replay window, so datagrams
 * may be lost or reordered. {@link #open} never throws on what the network sends.
 *
 * <p>Not thread-safe: owned by the session's task loop.
 */
public final class SecureChannel {
  /** The largest plaintext a transport packet can carry (a Noise message is at most 65535 bytes). */
  public static final int MAX_PLAINTEXT = NoiseSpec.MAX_MESSAGE_LENGTH - NoiseSpec.TAG_LENGTH;

  private final int localIndex;
  private final int remoteIndex;
  private final boolean initiator;
  private final Instant createdAt;
  private final RekeyPolicy policy;
  private final ChaChaPoly sendCipher;
  private final ChaChaPoly receiveCipher;
  private final byte[] handshakeHash;
  private final ReplayWindow replay;
  private long sendCounter;
  private boolean received;

  /**
   * @param localIndex the index the peer puts in packets to us
   * @param remoteIndex the index we put in packets to the peer
   * @param initiator whether this side initiated the handshake (only the initiator rekeys on time)
   */
  public SecureChannel(TransportCiphers ciphers, int localIndex, int remoteIndex, boolean initiator,
      Instant createdAt, RekeyPolicy policy) {
    this.localIndex = localIndex;
    this.remoteIndex = remoteIndex;
    this.initiator = initiator;
    this.createdAt = createdAt;
    this.policy = policy;
    this.sendCipher = new ChaChaPoly(ciphers.send().key());
    this.receiveCipher = new ChaChaPoly(ciphers.receive().key());
    this.handshakeHash = ciphers.handshakeHash();
    this.replay = new ReplayWindow(policy.rejectAfterMessages());
  }

  /**
   * The transport packet carrying {@code plaintext}, or empty when the keys are expired or their
   * counters used up: the caller must then handshake again.
   *
   * @throws IllegalArgumentException if {@code plaintext} exceeds {@link #MAX_PLAINTEXT}
   */
  public Optional<byte[]> seal(Instant now, byte[] plaintext) {
    if (plaintext.length > MAX_PLAINTEXT) {
      throw new IllegalArgumentException("plaintext of " + plaintext.length + " bytes exceeds " + MAX_PLAINTEXT);
    }
    if (policy.isExpired(now, this) || Long.compareUnsigned(sendCounter, policy.rejectAfterMessages()) >= 0) {
      return Optional.empty();
    }
    long counter = sendCounter++;
    byte[] header = TransportData.header(remoteIndex, counter);
    byte[] ciphertext = sendCipher.seal(counter, header, plaintext);
    return Optional.of(new TransportData(remoteIndex, counter, ciphertext).encode());
  }

  /** Authenticates and decrypts a transport packet; any failure is a typed rejection. */
  public OpenResult open(Instant now, byte[] packet) {
    TransportData message;
    try {
      if (NoiseWire.decode(packet) instanceof TransportData data) {
        message = data;
      } else {
        return new OpenResult.Rejected(Rejection.MALFORMED);
      }
    } catch (WireFormatException e) {
      boolean truncated = e.error() instanceof WireError.TooShort || e.error() instanceof WireError.Empty;
      return new OpenResult.Rejected(truncated ? Rejection.TRUNCATED : Rejection.MALFORMED);
    }
    return open(now, message);
  }

  /** As {@link #open(Instant, byte[])}, for a packet already decoded. */
  public OpenResult open(Instant now, TransportData message) {
    if (message.receiverIndex() != localIndex) {
      return new OpenResult.Rejected(Rejection.WRONG_INDEX);
    }
    if (policy.isExpired(now, this)) {
      return new OpenResult.Rejected(Rejection.EXPIRED);
    }
    long counter = message.counter();
    Optional<Rejection> replayed = rejection(replay.check(counter));
    if (replayed.isPresent()) {
      return new OpenResult.Rejected(replayed.get());
    }
    byte[] header = TransportData.header(localIndex, counter);
    byte[] ciphertext = message.ciphertext();
    Optional<byte[]> plaintext = receiveCipher.open(counter, header, ciphertext, 0, ciphertext.length);
    if (plaintext.isEmpty()) {
      return new OpenResult.Rejected(Rejection.BAD_TAG);
    }
    // Only an authentic packet may move the window; check() above said it is fresh.
    replay.accept(counter);
    received = true;
    return new OpenResult.Opened(plaintext.get(), counter);
  }

  private static Optional<Rejection> rejection(ReplayWindow.Verdict verdict) {
    return switch (verdict) {
      case FRESH -> Optional.empty();
      case REPLAYED -> Optional.of(Rejection.REPLAYED);
      case TOO_OLD -> Optional.of(Rejection.TOO_OLD);
      case BEYOND_LIMIT -> Optional.of(Rejection.COUNTER_LIMIT);
    };
  }

  public int localIndex() {
    return localIndex;
  }

  public int remoteIndex() {
    return remoteIndex;
  }

  public boolean isInitiator() {
    return initiator;
  }

  public Instant createdAt() {
    return createdAt;
  }

  /** The counter the next sealed packet will carry (unsigned). */
  public long sendCounter() {
    return sendCounter;
  }

  /** Whether any authentic packet arrived on this channel: the responder's key confirmation. */
  public boolean hasReceived() {
    return received;
  }

  /** The handshake hash (Noise §11.2): identical on both ends, usable as a channel binding. */
  public byte[] handshakeHash() {
    return handshakeHash.clone();
  }

  @Override
  public String toString() {
    return "SecureChannel[local=" + Integer.toUnsignedString(localIndex) + ", remote="
        + Integer.toUnsignedString(remoteIndex) + ", initiator=" + initiator + ", sent="
        + Long.toUnsignedString(sendCounter) + "]";
  }
}
