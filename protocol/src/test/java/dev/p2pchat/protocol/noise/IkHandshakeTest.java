package dev.p2pchat.protocol.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.p2pchat.protocol.noise.HandshakeException.Reason;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IkHandshakeTest {
  final Peers peers = new Peers();

  @Test
  void oneRoundTripCarriesBothPayloadsAndAgreesOnKeys() throws Exception {
    IkHandshake.Pending pending = peers.initiate(bytes("hello bob"));
    IkHandshake.Received received = peers.receive(pending.message());
    assertThat(received.remoteStatic()).isEqualTo(peers.alice.publicKey());
    assertThat(received.remoteIndex()).isEqualTo(11);
    assertThat(received.timestamp()).isEqualTo(1000);
    assertThat(received.payload()).isEqualTo(bytes("hello bob"));

    IkHandshake.Responded responded = IkHandshake.respond(received, 22, bytes("hi alice"), Peers.T0, RekeyPolicy.STANDARD);
    assertThat(responded.message().receiverIndex()).isEqualTo(11);
    IkHandshake.Completed completed = IkHandshake.complete(pending, responded.message(), Peers.T0, RekeyPolicy.STANDARD);
    assertThat(completed.payload()).isEqualTo(bytes("hi alice"));

    SecureChannel a = completed.channel();
    SecureChannel b = responded.channel();
    assertThat(a.handshakeHash()).isEqualTo(b.handshakeHash());
    assertThat(a.localIndex()).isEqualTo(b.remoteIndex());
    assertThat(b.localIndex()).isEqualTo(a.remoteIndex());
    assertThat(a.isInitiator()).isTrue();
    assertThat(b.isInitiator()).isFalse();
  }

  @Test
  void aResponderWithAnotherStaticKeyCannotReadTheInitiation() throws Exception {
    // Alice expects Bob's pinned key K; the party answering holds K'.
    IkHandshake.Pending pending = peers.initiate(new byte[0]);
    NoiseKeyPair impostor = NoiseKeyPair.generate(peers.random);
    assertThatThrownBy(() -> IkHandshake.receive(impostor, NoiseKeyPair.generate(peers.random), pending.message()))
        .isInstanceOfSatisfying(HandshakeException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.DECRYPTION_FAILED));
  }

  @Test
  void aResponseFromAnotherStaticKeyFailsAtTheInitiator() throws Exception {
    IkHandshake.Pending pending = peers.initiate(new byte[0]);
    // A man in the middle answers with its own keys after reading nothing it could decrypt: it
    // must build a response from a different initiation, which cannot match Alice's state.
    NoiseKeyPair mallory = NoiseKeyPair.generate(peers.random);
    IkHandshake.Pending forged = IkHandshake.initiate(peers.alice, mallory.publicKey(),
        NoiseKeyPair.generate(peers.random), 11, 1000, new byte[0], Peers.T0);
    IkHandshake.Received at = IkHandshake.receive(mallory, NoiseKeyPair.generate(peers.random), forged.message());
    IkHandshake.Responded answer = IkHandshake.respond(at, 33, new byte[0], Peers.T0, RekeyPolicy.STANDARD);
    assertThatThrownBy(() -> IkHandshake.complete(pending, answer.message(), Peers.T0, RekeyPolicy.STANDARD))
        .isInstanceOfSatisfying(HandshakeException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.DECRYPTION_FAILED));
  }

  @Test
  void everySingleBitFlipOfTheInitiationIsRejected() throws Exception {
    byte[] wire = peers.initiate(bytes("early data")).message().encode();
    for (int bit = 0; bit < wire.length * 8; bit++) {
      byte[] flipped = flip(wire, bit);
      assertThat(responderAccepts(flipped)).as("bit %d", bit).isFalse();
    }
    assertThat(responderAccepts(wire)).isTrue();
  }

  @Test
  void everySingleBitFlipOfTheResponseIsRejected() throws Exception {
    IkHandshake.Pending template = peers.initiate(new byte[0]);
    byte[] wire = IkHandshake.respond(peers.receive(template.message()), 22, bytes("reply"), Peers.T0,
        RekeyPolicy.STANDARD).message().encode();
    for (int bit = 0; bit < wire.length * 8; bit++) {
      assertThat(initiatorAccepts(template, flip(wire, bit))).as("bit %d", bit).isFalse();
    }
    assertThat(initiatorAccepts(template, wire)).isTrue();
  }

  @Test
  void truncatedHandshakeMessagesAreRejected() throws Exception {
    byte[] wire = peers.initiate(new byte[0]).message().encode();
    for (int length = 0; length < wire.length; length++) {
      assertThat(responderAccepts(java.util.Arrays.copyOf(wire, length))).isFalse();
    }
  }

  @Test
  void aForgedResponseDoesNotSpoilThePendingHandshake() throws Exception {
    IkHandshake.Pending pending = peers.initiate(new byte[0]);
    IkHandshake.Responded responded = IkHandshake.respond(peers.receive(pending.message()), 22, new byte[0],
        Peers.T0, RekeyPolicy.STANDARD);
    byte[] genuine = responded.message().encode();
    assertThat(initiatorAccepts(pending, flip(genuine, genuine.length * 8 - 1))).isFalse();
    assertThat(initiatorAccepts(pending, genuine)).isTrue();
  }

  /** The full responder path: decode, check the type, authenticate. */
  private boolean responderAccepts(byte[] packet) {
    try {
      return NoiseWire.decode(packet) instanceof HandshakeInitiation initiation
          && peers.receive(initiation).remoteStatic().equals(peers.alice.publicKey());
    } catch (WireFormatException | HandshakeException e) {
      return false;
    }
  }

  /** The full initiator path: decode, match the receiver index, authenticate. */
  private static boolean initiatorAccepts(IkHandshake.Pending pending, byte[] packet) {
    try {
      return NoiseWire.decode(packet) instanceof HandshakeResponse response
          && response.receiverIndex() == pending.localIndex()
          && IkHandshake.complete(pending, response, Peers.T0, RekeyPolicy.STANDARD) != null;
    } catch (WireFormatException | HandshakeException e) {
      return false;
    }
  }

  static byte[] flip(byte[] bytes, int bit) {
    byte[] copy = bytes.clone();
    copy[bit / 8] ^= (byte) (1 << (bit % 8));
    return copy;
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
