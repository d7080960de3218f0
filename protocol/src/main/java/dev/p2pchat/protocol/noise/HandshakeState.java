package dev.p2pchat.protocol.noise;

import dev.p2pchat.protocol.noise.HandshakeException.Reason;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Noise §5.3 HandshakeState: interprets a {@link HandshakePattern} token by token for one side.
 * Randomness is a parameter: the caller supplies the local ephemeral key pair, so a handshake can
 * be replayed byte for byte against published test vectors.
 *
 * <pre>
 *   new ──writeMessage/readMessage (alternating, as the pattern says)──▶ finished ──▶ split()
 *     └──────────── any read error ────────────▶ failed (every later call: OUT_OF_ORDER)
 * </pre>
 *
 * <p>Not thread-safe: a handshake belongs to one session's task loop.
 */
public final class HandshakeState {
  private final HandshakePattern pattern;
  private final Role role;
  private final SymmetricState symmetric;
  private final NoiseKeyPair localStatic;
  private final NoiseKeyPair localEphemeral;
  private NoisePublicKey remoteStatic;
  private NoisePublicKey remoteEphemeral;
  private int nextMessage;
  private boolean failed;
  private TransportCiphers result;

  /**
   * Initialize() of §5.3, without pre-shared ephemeral keys (no pattern here has them).
   *
   * @param localStatic this side's static key pair, or {@code null} if the pattern sends none
   * @param localEphemeral the ephemeral key pair this side will send: fresh per handshake
   * @param remoteStatic the peer's static key known in advance (IK initiator, KK), else {@code null}
   */
  public HandshakeState(HandshakePattern pattern, Role role, byte[] prologue, NoiseKeyPair localStatic,
      NoiseKeyPair localEphemeral, NoisePublicKey remoteStatic) {
    if (localEphemeral == null) {
      throw new IllegalArgumentException("every pattern here sends an ephemeral key");
    }
    if (pattern.needsLocalStatic(role) && localStatic == null) {
      throw new IllegalArgumentException(pattern.name() + " needs a local static key as " + role);
    }
    if (pattern.needsRemoteStatic(role) && remoteStatic == null) {
      throw new IllegalArgumentException(pattern.name() + " needs the peer's static key as " + role);
    }
    this.pattern = pattern;
    this.role = role;
    this.localStatic = localStatic;
    this.localEphemeral = localEphemeral;
    this.remoteStatic = remoteStatic;
    this.symmetric = new SymmetricState(pattern.protocolName());
    symmetric.mixHash(prologue);
    mixPreMessage(pattern.initiatorPreMessage(), Role.INITIATOR);
    mixPreMessage(pattern.responderPreMessage(), Role.RESPONDER);
  }

  private void mixPreMessage(List<Token> tokens, Role owner) {
    for (Token token : tokens) {
      if (token != Token.S) {
        throw new IllegalArgumentException("pre-messages here carry only static keys");
      }
      symmetric.mixHash((owner == role ? localStatic.publicKey() : remoteStatic).raw());
    }
  }

  /** WriteMessage(payload): the handshake message to send. */
  public byte[] writeMessage(byte[] payload) throws HandshakeException {
    int index = nextMessage;
    if (failed || index >= pattern.messages().size() || !role.writes(index)) {
      throw new HandshakeException(Reason.OUT_OF_ORDER, index);
    }
    try {
      byte[] message = writeTokens(payload, index);
      advance();
      return message;
    } catch (HandshakeException e) {
      failed = true;
      throw e;
    }
  }

  private byte[] writeTokens(byte[] payload, int index) throws HandshakeException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Token token : pattern.messages().get(index)) {
      switch (token) {
        case E -> {
          byte[] e = localEphemeral.publicKey().raw();
          out.writeBytes(e);
          symmetric.mixHash(e);
        }
        case S -> out.writeBytes(symmetric.encryptAndHash(localStatic.publicKey().raw()));
        default -> mixDh(token, index);
      }
    }
    out.writeBytes(symmetric.encryptAndHash(payload));
    if (out.size() > NoiseSpec.MAX_MESSAGE_LENGTH) {
      throw new HandshakeException(Reason.TOO_LONG, index);
    }
    return out.toByteArray();
  }

  /** ReadMessage(message): the payload the peer sent. */
  public byte[] readMessage(byte[] message) throws HandshakeException {
    int index = nextMessage;
    if (failed || index >= pattern.messages().size() || role.writes(index)) {
      throw new HandshakeException(Reason.OUT_OF_ORDER, index);
    }
    try {
      byte[] payload = readTokens(message, index);
      advance();
      return payload;
    } catch (HandshakeException e) {
      failed = true;
      throw e;
    }
  }

  private byte[] readTokens(byte[] message, int index) throws HandshakeException {
    if (message.length > NoiseSpec.MAX_MESSAGE_LENGTH) {
      throw new HandshakeException(Reason.TOO_LONG, index);
    }
    int offset = 0;
    for (Token token : pattern.messages().get(index)) {
      switch (token) {
        case E -> {
          byte[] e = slice(message, offset, NoiseSpec.DH_LENGTH, index);
          offset += e.length;
          remoteEphemeral = NoisePublicKey.ofRaw(e);
          symmetric.mixHash(e);
        }
        case S -> {
          int length = NoiseSpec.DH_LENGTH + (symmetric.hasKey() ? NoiseSpec.TAG_LENGTH : 0);
          byte[] encrypted = slice(message, offset, length, index);
          offset += length;
          remoteStatic = NoisePublicKey.ofRaw(decrypt(encrypted, index));
        }
        default -> mixDh(token, index);
      }
    }
    byte[] rest = Arrays.copyOfRange(message, offset, message.length);
    if (symmetric.hasKey() && rest.length < NoiseSpec.TAG_LENGTH) {
      throw new HandshakeException(Reason.TRUNCATED, index);
    }
    return decrypt(rest, index);
  }

  private byte[] decrypt(byte[] ciphertext, int index) throws HandshakeException {
    return symmetric.decryptAndHash(ciphertext)
        .orElseThrow(() -> new HandshakeException(Reason.DECRYPTION_FAILED, index));
  }

  private static byte[] slice(byte[] message, int offset, int length, int index) throws HandshakeException {
    if (message.length - offset < length) {
      throw new HandshakeException(Reason.TRUNCATED, index);
    }
    return Arrays.copyOfRange(message, offset, offset + length);
  }

  /** ee, es, se, ss: which local and remote key take part depends on the role (§5.3). */
  private void mixDh(Token token, int index) throws HandshakeException {
    boolean initiator = role == Role.INITIATOR;
    NoiseKeyPair local = switch (token) {
      case EE -> localEphemeral;
      case ES -> initiator ? localEphemeral : localStatic;
      case SE -> initiator ? localStatic : localEphemeral;
      case SS -> localStatic;
      default -> throw new IllegalStateException("not a DH token: " + token);
    };
    NoisePublicKey remote = switch (token) {
      case EE -> remoteEphemeral;
      case ES -> initiator ? remoteStatic : remoteEphemeral;
      case SE -> initiator ? remoteEphemeral : remoteStatic;
      default -> remoteStatic;
    };
    byte[] shared = X25519.sharedSecret(local.privateKey(), remote)
        .orElseThrow(() -> new HandshakeException(Reason.WEAK_KEY, index));
    symmetric.mixKey(shared);
  }

  private void advance() {
    nextMessage++;
    if (isFinished()) {
      CipherState[] pair = symmetric.split();
      boolean initiator = role == Role.INITIATOR;
      result = new TransportCiphers(initiator ? pair[0] : pair[1], initiator ? pair[1] : pair[0],
          symmetric.handshakeHash());
    }
  }

  public boolean isFinished() {
    return !failed && nextMessage == pattern.messages().size();
  }

  /** Whether it is this side's turn to write the next message. */
  public boolean isMyTurnToWrite() {
    return !failed && nextMessage < pattern.messages().size() && role.writes(nextMessage);
  }

  /** Split(): the transport CipherStates, once the last handshake message has been processed. */
  public TransportCiphers split() {
    if (result == null) {
      throw new IllegalStateException("the handshake has not finished");
    }
    return result;
  }

  /** The peer's static key: known in advance, or learnt from the handshake so far. */
  public Optional<NoisePublicKey> remoteStatic() {
    return Optional.ofNullable(remoteStatic);
  }

  public byte[] handshakeHash() {
    return symmetric.handshakeHash();
  }

  public HandshakePattern pattern() {
    return pattern;
  }

  public Role role() {
    return role;
  }
}
