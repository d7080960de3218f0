package dev.p2pchat.protocol.stun;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p2pchat.protocol.stun.AuthAttribute.MessageIntegrity;
import dev.p2pchat.protocol.stun.AuthAttribute.MessageIntegritySha256;
import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** encode -> decode round trips over generated messages, with and without integrity and fingerprint. */
class StunRoundTripPropertyTest {

  @Property(tries = 2000)
  void plainEncodingDecodesToTheSameMessage(@ForAll("messages") StunMessage message) throws Exception {
    byte[] wire = Stun.encode(message);

    StunMessage decoded = Stun.decode(wire);
    assertThat(decoded).isEqualTo(message);
    assertThat(Stun.encode(decoded)).isEqualTo(wire);
    assertThat(Stun.looksLikeStun(wire, 0, wire.length)).isEqualTo(!message.isClassic());
  }

  @Property(tries = 1000)
  void integrityAndFingerprintAreAppendedAndVerify(
      @ForAll("messages") StunMessage message,
      @ForAll("passwords") String password,
      @ForAll boolean sha1,
      @ForAll boolean sha256,
      @ForAll boolean fingerprint)
      throws Exception {
    IntegrityKey key = IntegrityKey.shortTerm(password);
    StunEncoder encoder = StunEncoder.plain();
    encoder = sha1 ? encoder.withIntegrity(key) : encoder;
    encoder = sha256 ? encoder.withIntegritySha256(key) : encoder;
    encoder = fingerprint ? encoder.withFingerprint() : encoder;
    byte[] wire = encoder.encode(message);

    StunMessage decoded = Stun.decode(wire);
    assertThat(decoded.withoutIntegrity()).isEqualTo(message);
    assertThat(decoded.first(MessageIntegrity.class).isPresent()).isEqualTo(sha1);
    assertThat(decoded.first(MessageIntegritySha256.class).isPresent()).isEqualTo(sha256);
    assertThat(StunIntegrity.verify(wire, 0, wire.length, key)).isEqualTo(sha1);
    assertThat(StunIntegrity.verifySha256(wire, 0, wire.length, key)).isEqualTo(sha256);
    assertThat(StunIntegrity.verifyFingerprint(wire, 0, wire.length)).isEqualTo(fingerprint);
    IntegrityKey other = IntegrityKey.shortTerm(password + "x");
    assertThat(StunIntegrity.verify(wire, 0, wire.length, other)).isFalse();
  }

  @Property(tries = 3000)
  void corruptedMessagesDecodeOrFailWithAParseException(
      @ForAll("messages") StunMessage message, @ForAll("positions") int position, @ForAll byte xor) {
    byte[] wire = StunEncoder.plain().withFingerprint().encode(message);
    wire[position % wire.length] ^= xor;
    try {
      StunMessage decoded = Stun.decode(wire);
      assertThat(Stun.decode(Stun.encode(decoded))).isEqualTo(decoded);
    } catch (StunParseException expected) {
      assertThat(expected.reason()).isNotNull();
    }
  }

  @Example
  void theGeneratorsCoverEveryAttributeTypeTheCodecKnows() {
    Set<Integer> seen = new HashSet<>();
    StunArbitraries.attributes().sampleStream().limit(20_000).forEach(a -> seen.add(a.type()));
    Set<Integer> expected = new HashSet<>(AttributeCodec.knownTypes());
    expected.removeAll(Set.of(StunConstants.MESSAGE_INTEGRITY, StunConstants.MESSAGE_INTEGRITY_SHA256, StunConstants.FINGERPRINT));
    assertThat(seen).containsAll(expected);
  }

  @Provide
  Arbitrary<StunMessage> messages() {
    return StunArbitraries.messages();
  }

  @Provide
  Arbitrary<String> passwords() {
    return Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(40);
  }

  @Provide
  Arbitrary<Integer> positions() {
    return Arbitraries.integers().between(0, 1 << 16);
  }
}
