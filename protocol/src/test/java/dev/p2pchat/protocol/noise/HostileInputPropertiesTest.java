package dev.p2pchat.protocol.noise;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/** Whatever the network sends, opening it yields a typed result, never an exception. */
class HostileInputPropertiesTest {
  final SecureChannel bob;

  HostileInputPropertiesTest() throws Exception {
    bob = new Peers().connect(RekeyPolicy.STANDARD)[1];
  }

  @Property(tries = 2000)
  void randomBytes(@ForAll @Size(max = 200) byte[] packet) {
    assertThat(bob.open(SecureChannelTest.NOW, packet)).isInstanceOf(OpenResult.Rejected.class);
  }

  @Property(tries = 2000)
  void randomBodiesBehindAPlausibleHeader(@ForAll long counter, @ForAll @Size(max = 200) byte[] body) {
    byte[] packet = ByteBuffer.allocate(13 + body.length).put(NoiseWire.TYPE_TRANSPORT).putInt(bob.localIndex())
        .putLong(counter).put(body).array();
    assertThat(bob.open(SecureChannelTest.NOW, packet)).isInstanceOf(OpenResult.Rejected.class);
  }

  @Property(tries = 1000)
  void decodeOnlyEverThrowsItsTypedException(@ForAll @Size(max = 300) byte[] packet) {
    try {
      assertThat(NoiseWire.decode(packet)).isNotNull();
    } catch (WireFormatException e) {
      assertThat(e.error()).isNotNull();
    }
  }

  @Property(tries = 1000)
  void aPeerSessionNeverThrowsOnWhatTheNetworkSends(@ForAll @Size(max = 300) byte[] packet) {
    java.util.Random random = new java.util.Random(9);
    PeerSession session = new PeerSession(NoiseKeyPair.generate(random), NoiseKeyPair.generate(random).publicKey(),
        random, LocalIndices.random(random), RekeyPolicy.STANDARD);
    assertThat(session.receive(SecureChannelTest.NOW, packet)).isInstanceOf(PeerEvent.Dropped.class);
  }
}
