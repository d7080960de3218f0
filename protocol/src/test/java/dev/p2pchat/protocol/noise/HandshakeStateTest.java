package dev.p2pchat.protocol.noise;

import static dev.p2pchat.protocol.noise.IkHandshakeTest.flip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.p2pchat.protocol.noise.HandshakeException.Reason;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HandshakeStateTest {
  final Random random = new Random(11);
  final NoiseKeyPair alice = NoiseKeyPair.generate(random);
  final NoiseKeyPair bob = NoiseKeyPair.generate(random);
  final byte[] prologue = {1, 2, 3};

  HandshakeState initiator(HandshakePattern pattern, NoisePublicKey rs) {
    return new HandshakeState(pattern, Role.INITIATOR, prologue, alice, NoiseKeyPair.generate(random), rs);
  }

  HandshakeState responder(HandshakePattern pattern, NoisePublicKey rs) {
    return new HandshakeState(pattern, Role.RESPONDER, prologue, bob, NoiseKeyPair.generate(random), rs);
  }

  /** Runs the pattern to its end with small payloads; returns [initiator, responder]. */
  static HandshakeState[] run(HandshakeState i, HandshakeState r) throws HandshakeException {
    int messages = i.pattern().messages().size();
    for (int n = 0; n < messages; n++) {
      HandshakeState writer = n % 2 == 0 ? i : r;
      HandshakeState reader = n % 2 == 0 ? r : i;
      byte[] payload = {(byte) n};
      assertThat(reader.readMessage(writer.writeMessage(payload))).isEqualTo(payload);
    }
    return new HandshakeState[] {i, r};
  }

  @Test
  void xxExchangesStaticKeysInOneAndAHalfRoundTrips() throws Exception {
    HandshakeState[] done = run(initiator(HandshakePattern.XX, null), responder(HandshakePattern.XX, null));
    assertThat(done[0].remoteStatic()).hasValue(bob.publicKey());
    assertThat(done[1].remoteStatic()).hasValue(alice.publicKey());
    assertTransportWorks(done[0].split(), done[1].split());
  }

  @Test
  void ikAndKkAndNnRunInMemory() throws Exception {
    assertTransportWorks(run(initiator(HandshakePattern.IK, bob.publicKey()), responder(HandshakePattern.IK, null)));
    assertTransportWorks(run(initiator(HandshakePattern.KK, bob.publicKey()),
        responder(HandshakePattern.KK, alice.publicKey())));
    HandshakeState nnI = new HandshakeState(HandshakePattern.NN, Role.INITIATOR, prologue, null,
        NoiseKeyPair.generate(random), null);
    HandshakeState nnR = new HandshakeState(HandshakePattern.NN, Role.RESPONDER, prologue, null,
        NoiseKeyPair.generate(random), null);
    assertTransportWorks(run(nnI, nnR));
  }

  @Test
  void differentProloguesDoNotAgree() throws Exception {
    HandshakeState i = initiator(HandshakePattern.IK, bob.publicKey());
    HandshakeState r = new HandshakeState(HandshakePattern.IK, Role.RESPONDER, new byte[] {9}, bob,
        NoiseKeyPair.generate(random), null);
    byte[] message = i.writeMessage(new byte[0]);
    assertThatThrownBy(() -> r.readMessage(message)).isInstanceOfSatisfying(HandshakeException.class,
        e -> assertThat(e.reason()).isEqualTo(Reason.DECRYPTION_FAILED));
  }

  @Test
  void everyBitFlipOfEveryXxMessageIsRejected() throws Exception {
    for (int target = 0; target < 3; target++) {
      for (int bit = 0; bit < 8 * 64; bit += 7) {
        Random seeded = new Random(target * 1000 + bit);
        NoiseKeyPair ie = NoiseKeyPair.generate(seeded);
        NoiseKeyPair re = NoiseKeyPair.generate(seeded);
        HandshakeState i = new HandshakeState(HandshakePattern.XX, Role.INITIATOR, prologue, alice, ie, null);
        HandshakeState r = new HandshakeState(HandshakePattern.XX, Role.RESPONDER, prologue, bob, re, null);
        assertThat(runWithFlip(i, r, target, bit)).as("message %d bit %d", target, bit).isFalse();
      }
    }
  }

  /** Whether the handshake still completes with {@code bit} of message {@code target} flipped. */
  private static boolean runWithFlip(HandshakeState i, HandshakeState r, int target, int bit) {
    try {
      for (int n = 0; n < 3; n++) {
        HandshakeState writer = n % 2 == 0 ? i : r;
        HandshakeState reader = n % 2 == 0 ? r : i;
        byte[] message = writer.writeMessage(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        if (n == target) {
          message = flip(message, bit % (message.length * 8));
        }
        reader.readMessage(message);
      }
      // Message 1 of XX is unencrypted (no key yet): a flip there must still break the next step.
      return true;
    } catch (HandshakeException e) {
      return false;
    }
  }

  @Test
  void messagesOutOfTurnAreRefusedAndAFailureIsFinal() throws Exception {
    HandshakeState i = initiator(HandshakePattern.IK, bob.publicKey());
    HandshakeState r = responder(HandshakePattern.IK, null);
    assertThatThrownBy(() -> r.writeMessage(new byte[0])).isInstanceOfSatisfying(HandshakeException.class,
        e -> assertThat(e.reason()).isEqualTo(Reason.OUT_OF_ORDER));
    assertThatThrownBy(() -> i.readMessage(new byte[100])).isInstanceOfSatisfying(HandshakeException.class,
        e -> assertThat(e.reason()).isEqualTo(Reason.OUT_OF_ORDER));
    byte[] first = i.writeMessage(new byte[0]);
    assertThatThrownBy(() -> r.readMessage(new byte[10])).isInstanceOfSatisfying(HandshakeException.class,
        e -> assertThat(e.reason()).isEqualTo(Reason.TRUNCATED));
    assertThatThrownBy(() -> r.readMessage(first)).isInstanceOfSatisfying(HandshakeException.class,
        e -> assertThat(e.reason()).isEqualTo(Reason.OUT_OF_ORDER));
    assertThatThrownBy(r::split).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void anAllZeroEphemeralKeyIsAWeakKeyFailure() throws Exception {
    HandshakeState i = initiator(HandshakePattern.IK, bob.publicKey());
    HandshakeState r = responder(HandshakePattern.IK, null);
    r.readMessage(i.writeMessage(new byte[0]));
    byte[] response = r.writeMessage(new byte[0]);
    System.arraycopy(new byte[32], 0, response, 0, 32);
    assertThatThrownBy(() -> i.readMessage(response)).isInstanceOfSatisfying(HandshakeException.class,
        e -> assertThat(e.reason()).isEqualTo(Reason.WEAK_KEY));
  }

  @Test
  void missingKeysAreAProgrammingError() {
    assertThatThrownBy(() -> initiator(HandshakePattern.IK, null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new HandshakeState(HandshakePattern.XX, Role.RESPONDER, prologue, null,
        NoiseKeyPair.generate(random), null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void protocolNamesFollowTheSpec() {
    assertThat(HandshakePattern.IK.protocolName()).isEqualTo("Noise_IK_25519_ChaChaPoly_SHA256");
    assertThat(HandshakePattern.XX.protocolName()).isEqualTo("Noise_XX_25519_ChaChaPoly_SHA256");
  }

  @Test
  void theReservedNonceIsNeverUsed() throws Exception {
    TransportCiphers[] pair = pairOf(run(initiator(HandshakePattern.IK, bob.publicKey()), responder(HandshakePattern.IK, null)));
    pair[0].send().setNonce(NoiseSpec.MAX_NONCE);
    assertThatThrownBy(() -> pair[0].send().encryptWithAd(new byte[0], new byte[1]))
        .isInstanceOf(IllegalStateException.class);
    pair[1].receive().setNonce(NoiseSpec.MAX_NONCE);
    assertThat(pair[1].receive().decryptWithAd(new byte[0], new byte[17])).isEmpty();
  }

  @Test
  void rekeyMovesBothEndsToTheSameNewKey() throws Exception {
    TransportCiphers[] pair = pairOf(run(initiator(HandshakePattern.IK, bob.publicKey()), responder(HandshakePattern.IK, null)));
    pair[0].send().rekey();
    byte[] ciphertext = pair[0].send().encryptWithAd(new byte[0], new byte[] {42});
    assertThat(pair[1].receive().decryptWithAd(new byte[0], ciphertext)).isEmpty();
    pair[1].receive().rekey();
    assertThat(pair[1].receive().decryptWithAd(new byte[0], ciphertext)).hasValue(new byte[] {42});
  }

  @Test
  void chaChaPolyNonceIsFourZeroBytesThenLittleEndianCounter() {
    assertThat(ChaChaPoly.nonceBytes(0x0102030405060708L))
        .containsExactly(0, 0, 0, 0, 8, 7, 6, 5, 4, 3, 2, 1);
  }

  private static TransportCiphers[] pairOf(HandshakeState[] done) {
    return new TransportCiphers[] {done[0].split(), done[1].split()};
  }

  private static void assertTransportWorks(HandshakeState[] done) {
    assertTransportWorks(done[0].split(), done[1].split());
  }

  private static void assertTransportWorks(TransportCiphers i, TransportCiphers r) {
    byte[] ad = {7};
    assertThat(r.receive().decryptWithAd(ad, i.send().encryptWithAd(ad, new byte[] {1, 2}))).hasValue(new byte[] {1, 2});
    assertThat(i.receive().decryptWithAd(ad, r.send().encryptWithAd(ad, new byte[] {3}))).hasValue(new byte[] {3});
    assertThat(i.handshakeHash()).isEqualTo(r.handshakeHash());
  }
}
