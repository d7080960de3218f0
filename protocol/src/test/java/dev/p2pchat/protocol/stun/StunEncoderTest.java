package dev.p2pchat.protocol.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.p2pchat.protocol.stun.AuthAttribute.MessageIntegrity;
import dev.p2pchat.protocol.stun.TextAttribute.Software;
import dev.p2pchat.protocol.stun.TurnAttribute.Data;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class StunEncoderTest {

  private static final TransactionId ID = TransactionId.random(RandomGenerator.of("L64X128MixRandom"));
  private static final IntegrityKey KEY = IntegrityKey.shortTerm("password");

  @Test
  void aMinimalRequestIsTwentyBytes() {
    byte[] wire = Stun.encode(StunMessage.of(StunMessageType.BINDING_REQUEST, ID));
    assertThat(wire).hasSize(20);
    assertThat(wire[0]).isZero();
    assertThat(wire[1]).isEqualTo((byte) 1);
  }

  @Test
  void trailersGoInTheirRfcOrderWithTheirSizes() throws Exception {
    byte[] wire =
        StunEncoder.plain().withFingerprint().withIntegritySha256(KEY).withIntegrity(KEY)
            .encode(StunMessage.of(StunMessageType.BINDING_REQUEST, ID));
    assertThat(wire).hasSize(20 + 24 + 36 + 8);
    assertThat(Stun.decode(wire).attributes()).extracting(StunAttribute::type)
        .containsExactly(StunConstants.MESSAGE_INTEGRITY, StunConstants.MESSAGE_INTEGRITY_SHA256, StunConstants.FINGERPRINT);
  }

  @Test
  void refusesToAppendBeforeWhatTheMessageAlreadyEndsWith() {
    StunMessage signed = StunMessage.of(StunMessageType.BINDING_REQUEST, ID, new MessageIntegrity(new byte[20]));
    assertThatThrownBy(() -> StunEncoder.plain().withIntegrity(KEY).encode(signed))
        .isInstanceOf(IllegalArgumentException.class);
    StunMessage fingerprinted = StunMessage.of(StunMessageType.BINDING_REQUEST, ID, new Fingerprint(1));
    assertThatThrownBy(() -> StunEncoder.plain().withFingerprint().encode(fingerprinted))
        .isInstanceOf(IllegalArgumentException.class);
    // Appending after is fine: a FINGERPRINT after a carried MESSAGE-INTEGRITY.
    assertThat(StunEncoder.plain().withFingerprint().encode(signed)).hasSize(20 + 24 + 8);
  }

  @Test
  void messagesRefuseAttributesThatAReceiverWouldIgnore() {
    assertThatThrownBy(() -> StunMessage.of(StunMessageType.BINDING_REQUEST, ID, new MessageIntegrity(new byte[20]), new Software("x")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StunMessage.of(StunMessageType.BINDING_REQUEST, ID, new Fingerprint(0), new Fingerprint(0)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesMessagesLongerThanTheLengthFieldCanSay() {
    Data big = new Data(new byte[40_000]);
    StunMessage tooLong = new StunMessage(StunMessageType.BINDING_INDICATION, ID, List.of(big, big));
    assertThatThrownBy(() -> Stun.encode(tooLong)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void recordsCheckTheirValues() {
    assertThatThrownBy(() -> new ErrorAttribute.ErrorCode(299, "")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TextAttribute.Username("x".repeat(513))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Software("\ud800")).as("lone surrogate").isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RawAttribute(StunConstants.XOR_MAPPED_ADDRESS, new byte[8])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AuthAttribute.MessageIntegritySha256(new byte[18])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> IntegrityKey.shortTerm("")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void transactionIdsAreCopiedAndKeysDoNotPrintThemselves() {
    byte[] raw = new byte[12];
    TransactionId id = TransactionId.of(raw);
    raw[0] = 9;
    id.bytes()[1] = 9;
    assertThat(id.bytes()).isEqualTo(new byte[12]);
    assertThat(IntegrityKey.longTermMd5("u", "r", "hunter2").toString()).doesNotContain("hunter2").contains("MD5");
  }
}
