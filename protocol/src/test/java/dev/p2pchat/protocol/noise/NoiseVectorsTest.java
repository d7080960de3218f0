package dev.p2pchat.protocol.noise;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays published cacophony vectors: with the vectors' fixed static and ephemeral keys, every
 * handshake message and every transport message must match byte for byte, in both directions.
 */
class NoiseVectorsTest {

  static Stream<NoiseVector> vectors() throws Exception {
    List<NoiseVector> all = NoiseVector.load();
    assertThat(all).extracting(NoiseVector::protocolName).contains(
        "Noise_IK_25519_ChaChaPoly_SHA256", "Noise_XX_25519_ChaChaPoly_SHA256");
    return all.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void everyMessageMatchesByteForByte(NoiseVector vector) throws Exception {
    HandshakePattern pattern = patternNamed(vector.patternName());
    HandshakeState initiator = state(vector, pattern, Role.INITIATOR, "init_");
    HandshakeState responder = state(vector, pattern, Role.RESPONDER, "resp_");
    int handshakeMessages = pattern.messages().size();
    List<byte[][]> messages = vector.messages();

    for (int i = 0; i < handshakeMessages; i++) {
      HandshakeState writer = i % 2 == 0 ? initiator : responder;
      HandshakeState reader = i % 2 == 0 ? responder : initiator;
      byte[] sent = writer.writeMessage(messages.get(i)[0]);
      assertThat(sent).as("handshake message %d", i).isEqualTo(messages.get(i)[1]);
      assertThat(reader.readMessage(sent)).isEqualTo(messages.get(i)[0]);
      if (i == handshakeMessages - 2) {
        // cacophony records h as it stands before the last handshake message, not after it.
        assertThat(initiator.handshakeHash()).isEqualTo(vector.field("handshake_hash"));
        assertThat(responder.handshakeHash()).isEqualTo(vector.field("handshake_hash"));
      }
    }
    assertThat(initiator.isFinished()).isTrue();
    assertThat(responder.isFinished()).isTrue();
    assertThat(initiator.split().handshakeHash()).isEqualTo(responder.split().handshakeHash());

    TransportCiphers init = initiator.split();
    TransportCiphers resp = responder.split();
    for (int i = handshakeMessages; i < messages.size(); i++) {
      // The vectors keep alternating after the handshake: even indexes initiator to responder.
      TransportCiphers writer = i % 2 == 0 ? init : resp;
      TransportCiphers reader = i % 2 == 0 ? resp : init;
      byte[] sent = writer.send().encryptWithAd(new byte[0], messages.get(i)[0]);
      assertThat(sent).as("transport message %d", i).isEqualTo(messages.get(i)[1]);
      assertThat(reader.receive().decryptWithAd(new byte[0], sent)).hasValue(messages.get(i)[0]);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void responderLearnsTheInitiatorsStaticKey(NoiseVector vector) throws Exception {
    if (!vector.has("init_static")) {
      return;
    }
    HandshakePattern pattern = patternNamed(vector.patternName());
    HandshakeState initiator = state(vector, pattern, Role.INITIATOR, "init_");
    HandshakeState responder = state(vector, pattern, Role.RESPONDER, "resp_");
    for (int i = 0; i < pattern.messages().size(); i++) {
      HandshakeState writer = i % 2 == 0 ? initiator : responder;
      HandshakeState reader = i % 2 == 0 ? responder : initiator;
      reader.readMessage(writer.writeMessage(new byte[0]));
    }
    NoisePublicKey initiatorStatic = keyPair(vector.field("init_static")).publicKey();
    assertThat(responder.remoteStatic()).hasValue(initiatorStatic);
    assertThat(initiator.remoteStatic()).hasValue(keyPair(vector.field("resp_static")).publicKey());
  }

  private static HandshakeState state(NoiseVector v, HandshakePattern pattern, Role role, String prefix) {
    NoiseKeyPair s = v.has(prefix + "static") ? keyPair(v.field(prefix + "static")) : null;
    NoisePublicKey rs = v.has(prefix + "remote_static") ? NoisePublicKey.ofRaw(v.field(prefix + "remote_static")) : null;
    return new HandshakeState(pattern, role, v.field(prefix + "prologue"), s, keyPair(v.field(prefix + "ephemeral")), rs);
  }

  static NoiseKeyPair keyPair(byte[] privateKey) {
    return NoiseKeyPair.fromPrivate(NoisePrivateKey.ofRaw(privateKey));
  }

  private static HandshakePattern patternNamed(String name) {
    return switch (name) {
      case "IK" -> HandshakePattern.IK;
      case "XX" -> HandshakePattern.XX;
      case "NN" -> HandshakePattern.NN;
      case "KK" -> HandshakePattern.KK;
      default -> throw new IllegalArgumentException(name);
    };
  }
}
