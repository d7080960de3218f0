package dev.p2pchat.protocol.noise;

import static dev.p2pchat.protocol.noise.IkHandshakeTest.bytes;
import static dev.p2pchat.protocol.noise.IkHandshakeTest.flip;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SecureChannelTest {
  static final Instant NOW = Peers.T0.plusSeconds(1);
  final SecureChannel[] pair;
  final SecureChannel alice;
  final SecureChannel bob;

  SecureChannelTest() throws Exception {
    pair = new Peers().connect(RekeyPolicy.STANDARD);
    alice = pair[0];
    bob = pair[1];
  }

  @Test
  void bothDirectionsCarryData() {
    assertThat(open(bob, seal(alice, "to bob"))).isEqualTo(bytes("to bob"));
    assertThat(open(alice, seal(bob, "to alice"))).isEqualTo(bytes("to alice"));
    assertThat(bob.hasReceived()).isTrue();
  }

  @Test
  void emptyPlaintextIsAKeepalive() {
    byte[] packet = alice.seal(NOW, new byte[0]).orElseThrow();
    assertThat(packet).hasSize(TransportData.HEADER_LENGTH + NoiseSpec.TAG_LENGTH);
    assertThat(open(bob, packet)).isEmpty();
  }

  @Test
  void countersAreExplicitAndIncreasing() throws Exception {
    for (long i = 0; i < 5; i++) {
      TransportData data = (TransportData) NoiseWire.decode(alice.seal(NOW, new byte[1]).orElseThrow());
      assertThat(data.counter()).isEqualTo(i);
      assertThat(data.receiverIndex()).isEqualTo(bob.localIndex());
    }
  }

  @Test
  void everySingleBitFlipIsRejectedWithoutAnException() {
    byte[] packet = seal(alice, "tamper with me");
    for (int bit = 0; bit < packet.length * 8; bit++) {
      OpenResult result = bob.open(NOW, flip(packet, bit));
      assertThat(result).as("bit %d", bit).isInstanceOf(OpenResult.Rejected.class);
    }
    // The untouched packet still opens: no flip moved the replay window.
    assertThat(open(bob, packet)).isEqualTo(bytes("tamper with me"));
  }

  @Test
  void flipsAreTypedByWhereTheyLand() {
    byte[] packet = seal(alice, "x");
    assertThat(reason(bob.open(NOW, flip(packet, 0)))).isEqualTo(Rejection.MALFORMED); // type byte
    assertThat(reason(bob.open(NOW, flip(packet, 8)))).isEqualTo(Rejection.WRONG_INDEX);
    assertThat(reason(bob.open(NOW, flip(packet, 5 * 8)))).isEqualTo(Rejection.BAD_TAG); // counter
    assertThat(reason(bob.open(NOW, flip(packet, packet.length * 8 - 1)))).isEqualTo(Rejection.BAD_TAG);
  }

  @Test
  void everyTruncationIsRejected() {
    byte[] packet = seal(alice, "a longer message to cut");
    for (int length = 0; length < packet.length; length++) {
      OpenResult result = bob.open(NOW, Arrays.copyOf(packet, length));
      assertThat(reason(result)).as("length %d", length).isIn(Rejection.TRUNCATED, Rejection.BAD_TAG);
    }
  }

  @Test
  void eachPacketOpensOnceThenIsAReplay() {
    List<byte[]> packets = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      packets.add(seal(alice, "m" + i));
    }
    for (byte[] packet : packets) {
      assertThat(bob.open(NOW, packet)).isInstanceOf(OpenResult.Opened.class);
      assertThat(reason(bob.open(NOW, packet))).isEqualTo(Rejection.REPLAYED);
    }
  }

  @Test
  void reorderingWithinTheWindowIsAccepted() {
    List<byte[]> packets = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      packets.add(seal(alice, "m" + i));
    }
    Collections.shuffle(packets, new Random(3));
    for (byte[] packet : packets) {
      assertThat(bob.open(NOW, packet)).isInstanceOf(OpenResult.Opened.class);
    }
  }

  @Test
  void packetsOlderThanTheWindowAreTooOld() {
    byte[] first = seal(alice, "first");
    byte[] last = null;
    for (long i = 0; i <= dev.p2pchat.protocol.replay.ReplayWindow.WINDOW_SIZE; i++) {
      last = alice.seal(NOW, new byte[0]).orElseThrow();
    }
    assertThat(bob.open(NOW, last)).isInstanceOf(OpenResult.Opened.class);
    assertThat(reason(bob.open(NOW, first))).isEqualTo(Rejection.TOO_OLD);
  }

  @Test
  void aPacketForTheOtherDirectionDoesNotOpen() {
    byte[] toBob = seal(alice, "x");
    assertThat(reason(alice.open(NOW, toBob))).isEqualTo(Rejection.WRONG_INDEX);
  }

  @Test
  void expiredKeysNeitherSealNorOpen() {
    byte[] packet = seal(alice, "late");
    Instant late = Peers.T0.plus(SessionTimers.REJECT_AFTER_TIME);
    assertThat(alice.seal(late, new byte[0])).isEmpty();
    assertThat(reason(bob.open(late, packet))).isEqualTo(Rejection.EXPIRED);
    assertThat(bob.open(late.minusMillis(1), packet)).isInstanceOf(OpenResult.Opened.class);
  }

  @Test
  void countersStopAtTheRejectLimit() throws Exception {
    RekeyPolicy tiny = new RekeyPolicy(3, 5, Duration.ofSeconds(120), Duration.ofSeconds(180),
        Duration.ofSeconds(5), Duration.ofSeconds(90));
    SecureChannel[] small = new Peers().connect(tiny);
    List<byte[]> sent = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      sent.add(small[0].seal(NOW, new byte[0]).orElseThrow());
      assertThat(tiny.shouldRekey(NOW, small[0])).isEqualTo(i >= 2);
    }
    assertThat(small[0].seal(NOW, new byte[0])).isEmpty();
    for (byte[] packet : sent) {
      assertThat(small[1].open(NOW, packet)).isInstanceOf(OpenResult.Opened.class);
    }
  }

  @Test
  void aForgedCounterBeyondTheLimitIsRefusedBeforeDecryption() {
    byte[] forged = new TransportData(bob.localIndex(), -1L, new byte[16]).encode();
    assertThat(reason(bob.open(NOW, forged))).isEqualTo(Rejection.COUNTER_LIMIT);
  }

  @Test
  void otherMessageTypesAreMalformedForAChannel() {
    byte[] initiation = new HandshakeInitiation(ProtocolVersion.V1, 1, new byte[96]).encode();
    assertThat(reason(bob.open(NOW, initiation))).isEqualTo(Rejection.MALFORMED);
  }

  @Test
  void rekeyPolicyRekeysOnlyTheInitiatorOnTime() {
    Instant old = Peers.T0.plus(SessionTimers.REKEY_AFTER_TIME);
    assertThat(RekeyPolicy.STANDARD.shouldRekey(old.minusMillis(1), alice)).isFalse();
    assertThat(RekeyPolicy.STANDARD.shouldRekey(old, alice)).isTrue();
    assertThat(RekeyPolicy.STANDARD.shouldRekey(old, bob)).isFalse();
  }

  @Test
  void timersKeepWireGuardsValues() {
    assertThat(SessionTimers.REKEY_AFTER_MESSAGES).isEqualTo(1L << 60);
    assertThat(SessionTimers.REJECT_AFTER_MESSAGES).isEqualTo(-1L - (1L << 13));
    assertThat(SessionTimers.REKEY_AFTER_TIME).isEqualTo(Duration.ofSeconds(120));
    assertThat(SessionTimers.REJECT_AFTER_TIME).isEqualTo(Duration.ofSeconds(180));
    assertThat(SessionTimers.REKEY_TIMEOUT).isEqualTo(Duration.ofSeconds(5));
    assertThat(SessionTimers.REKEY_ATTEMPT_TIME).isEqualTo(Duration.ofSeconds(90));
  }

  private static byte[] seal(SecureChannel channel, String text) {
    return channel.seal(NOW, bytes(text)).orElseThrow();
  }

  private static byte[] open(SecureChannel channel, byte[] packet) {
    OpenResult result = channel.open(NOW, packet);
    assertThat(result).isInstanceOf(OpenResult.Opened.class);
    return ((OpenResult.Opened) result).plaintext();
  }

  private static Rejection reason(OpenResult result) {
    assertThat(result).isInstanceOf(OpenResult.Rejected.class);
    return ((OpenResult.Rejected) result).reason();
  }
}
