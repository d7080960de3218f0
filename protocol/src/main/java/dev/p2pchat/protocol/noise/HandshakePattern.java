package dev.p2pchat.protocol.noise;

import static dev.p2pchat.protocol.noise.Token.E;
import static dev.p2pchat.protocol.noise.Token.EE;
import static dev.p2pchat.protocol.noise.Token.ES;
import static dev.p2pchat.protocol.noise.Token.S;
import static dev.p2pchat.protocol.noise.Token.SE;
import static dev.p2pchat.protocol.noise.Token.SS;

import java.util.List;

/**
 * A Noise handshake pattern as data (Noise §7): pre-messages that each side knows of the other
 * before the handshake, then the message patterns, alternating from the initiator. {@link
 * HandshakeState} interprets any of them; adding a pattern is adding a constant.
 *
 * @param initiatorPreMessage what the responder knows of the initiator in advance ({@code -> s})
 * @param responderPreMessage what the initiator knows of the responder in advance ({@code <- s})
 */
public record HandshakePattern(
    String name, List<Token> initiatorPreMessage, List<Token> responderPreMessage, List<List<Token>> messages) {

  public HandshakePattern {
    initiatorPreMessage = List.copyOf(initiatorPreMessage);
    responderPreMessage = List.copyOf(responderPreMessage);
    messages = messages.stream().map(List::copyOf).toList();
  }

  /**
   * §7.5 IK: the initiator knows the responder's static key; one round trip, the initiator's
   * identity is encrypted to the responder, and the first message can carry data.
   * <pre>
   *   <- s
   *   ...
   *   -> e, es, s, ss
   *   <- e, ee, se
   * </pre>
   */
  public static final HandshakePattern IK =
      new HandshakePattern("IK", List.of(), List.of(S), List.of(List.of(E, ES, S, SS), List.of(E, EE, SE)));

  /**
   * §7.5 XX: neither side knows the other's static key; 1.5 round trips, static keys exchanged
   * under encryption.
   * <pre>
   *   -> e
   *   <- e, ee, s, es
   *   -> s, se
   * </pre>
   */
  public static final HandshakePattern XX = new HandshakePattern(
      "XX", List.of(), List.of(), List.of(List.of(E), List.of(E, EE, S, ES), List.of(S, SE)));

  /** §7.5 NN: no static keys, no authentication; for tests and as the simplest case. */
  public static final HandshakePattern NN =
      new HandshakePattern("NN", List.of(), List.of(), List.of(List.of(E), List.of(E, EE)));

  /** §7.5 KK: both static keys known in advance by both sides. */
  public static final HandshakePattern KK = new HandshakePattern(
      "KK", List.of(S), List.of(S), List.of(List.of(E, ES, SS), List.of(E, EE, SE)));

  /** The full protocol name in this project's suite, e.g. Noise_IK_25519_ChaChaPoly_SHA256. */
  public String protocolName() {
    return NoiseSpec.protocolName(name);
  }

  /** Whether {@code role} needs a static key pair of its own. */
  boolean needsLocalStatic(Role role) {
    List<Token> pre = role == Role.INITIATOR ? initiatorPreMessage : responderPreMessage;
    if (pre.contains(S)) {
      return true;
    }
    for (int i = 0; i < messages.size(); i++) {
      if (role.writes(i) && messages.get(i).contains(S)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code role} must know the peer's static key before the handshake. */
  boolean needsRemoteStatic(Role role) {
    return (role == Role.INITIATOR ? responderPreMessage : initiatorPreMessage).contains(S);
  }
}
