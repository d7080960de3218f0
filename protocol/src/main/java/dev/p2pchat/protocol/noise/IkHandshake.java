package dev.p2pchat.protocol.noise;

import dev.p2pchat.protocol.noise.HandshakeException.Reason;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;

/**
 * The handshake of wire version 1: Noise IK wrapped in {@link HandshakeInitiation} and {@link
 * HandshakeResponse}, one round trip.
 *
 * <p>Payload framing, inside the encrypted Noise payloads:
 * <ul>
 *   <li>initiation: sender index (u32) ‖ timestamp (u64, milliseconds, strictly increasing per
 *       initiator) ‖ application payload. The timestamp lets a responder refuse a replayed
 *       initiation (WireGuard's TAI64N, §5.1 of its paper);
 *   <li>response: sender index (u32) ‖ application payload.
 * </ul>
 * Each sender index is echoed inside the authenticated payload and must equal the cleartext one
 * in the header, so no header bit of a handshake message can be changed unnoticed; the version
 * byte is bound through the prologue.
 */
public final class IkHandshake {
  private IkHandshake() {}

  private static final int INITIATION_PREFIX = 4 + 8;
  private static final int RESPONSE_PREFIX = 4;

  /**
   * An initiation sent and waiting for its response. It keeps what built the message rather than
   * the used HandshakeState, so that each response is tried on a fresh replica: a forged response
   * then cannot spoil the handshake for the genuine one that may follow.
   */
  public static final class Pending {
    private final NoiseKeyPair localStatic;
    private final NoisePublicKey remoteStatic;
    private final NoiseKeyPair ephemeral;
    private final byte[] framedPayload;
    private final HandshakeInitiation message;
    private final long timestamp;
    private final Instant sentAt;

    private Pending(NoiseKeyPair localStatic, NoisePublicKey remoteStatic, NoiseKeyPair ephemeral,
        byte[] framedPayload, HandshakeInitiation message, long timestamp, Instant sentAt) {
      this.localStatic = localStatic;
      this.remoteStatic = remoteStatic;
      this.ephemeral = ephemeral;
      this.framedPayload = framedPayload;
      this.message = message;
      this.timestamp = timestamp;
      this.sentAt = sentAt;
    }

    /** The state right after writing the initiation: deterministic, as the ephemeral key is fixed. */
    private HandshakeState replica() throws HandshakeException {
      HandshakeState state = newInitiatorState(localStatic, remoteStatic, ephemeral);
      state.writeMessage(framedPayload);
      return state;
    }

    public HandshakeInitiation message() {
      return message;
    }

    public int localIndex() {
      return message.senderIndex();
    }

    public long timestamp() {
      return timestamp;
    }

    public Instant sentAt() {
      return sentAt;
    }

    @Override
    public String toString() {
      return "Pending[" + message + "]";
    }
  }

  /** An initiation authenticated by the responder, not answered yet. */
  public record Received(HandshakeState state, NoisePublicKey remoteStatic, int remoteIndex, long timestamp,
      byte[] payload) {
    public Received {
      payload = payload.clone();
    }

    @Override
    public byte[] payload() {
      return payload.clone();
    }
  }

  /** The response to send, and the responder's new (not yet confirmed) channel. */
  public record Responded(HandshakeResponse message, SecureChannel channel) {}

  /** The initiator's finished handshake: its channel and the responder's payload. */
  public record Completed(SecureChannel channel, byte[] payload) {
    public Completed {
      payload = payload.clone();
    }

    @Override
    public byte[] payload() {
      return payload.clone();
    }
  }

  public static Pending initiate(NoiseKeyPair localStatic, NoisePublicKey remoteStatic, NoiseKeyPair ephemeral,
      int localIndex, long timestamp, byte[] payload, Instant now) throws HandshakeException {
    HandshakeState state = newInitiatorState(localStatic, remoteStatic, ephemeral);
    byte[] framed = ByteBuffer.allocate(INITIATION_PREFIX + payload.length).putInt(localIndex).putLong(timestamp)
        .put(payload).array();
    HandshakeInitiation message = new HandshakeInitiation(ProtocolVersion.V1, localIndex, state.writeMessage(framed));
    return new Pending(localStatic, remoteStatic, ephemeral, framed, message, timestamp, now);
  }

  private static HandshakeState newInitiatorState(NoiseKeyPair localStatic, NoisePublicKey remoteStatic,
      NoiseKeyPair ephemeral) {
    ProtocolVersion version = ProtocolVersion.V1;
    return new HandshakeState(version.pattern(), Role.INITIATOR, version.prologue(), localStatic, ephemeral,
        remoteStatic);
  }

  /** Authenticates an initiation with this side's static key; learns who sent it. */
  public static Received receive(NoiseKeyPair localStatic, NoiseKeyPair ephemeral, HandshakeInitiation message)
      throws HandshakeException {
    ProtocolVersion version = message.version();
    HandshakeState state = new HandshakeState(version.pattern(), Role.RESPONDER, version.prologue(), localStatic,
        ephemeral, null);
    byte[] framed = state.readMessage(message.noise());
    if (framed.length < INITIATION_PREFIX) {
      throw new HandshakeException(Reason.BAD_PAYLOAD, 0);
    }
    ByteBuffer prefix = ByteBuffer.wrap(framed, 0, INITIATION_PREFIX);
    if (prefix.getInt() != message.senderIndex()) {
      throw new HandshakeException(Reason.BAD_PAYLOAD, 0);
    }
    long timestamp = prefix.getLong();
    NoisePublicKey remoteStatic = state.remoteStatic().orElseThrow();
    return new Received(state, remoteStatic, message.senderIndex(), timestamp,
        Arrays.copyOfRange(framed, INITIATION_PREFIX, framed.length));
  }

  public static Responded respond(Received received, int localIndex, byte[] payload, Instant now,
      RekeyPolicy policy) throws HandshakeException {
    HandshakeState state = received.state();
    byte[] framed = ByteBuffer.allocate(RESPONSE_PREFIX + payload.length).putInt(localIndex).put(payload).array();
    HandshakeResponse message = new HandshakeResponse(ProtocolVersion.V1, localIndex, received.remoteIndex(),
        state.writeMessage(framed));
    SecureChannel channel = new SecureChannel(state.split(), localIndex, received.remoteIndex(), false, now, policy);
    return new Responded(message, channel);
  }

  /** Finishes the initiator's side; the caller has matched the receiver index to {@code pending}. */
  public static Completed complete(Pending pending, HandshakeResponse message, Instant now, RekeyPolicy policy)
      throws HandshakeException {
    HandshakeState state = pending.replica();
    byte[] framed = state.readMessage(message.noise());
    if (framed.length < RESPONSE_PREFIX || ByteBuffer.wrap(framed).getInt() != message.senderIndex()) {
      throw new HandshakeException(Reason.BAD_PAYLOAD, 1);
    }
    SecureChannel channel = new SecureChannel(state.split(), pending.localIndex(), message.senderIndex(), true, now,
        policy);
    return new Completed(channel, Arrays.copyOfRange(framed, RESPONSE_PREFIX, framed.length));
  }
}
