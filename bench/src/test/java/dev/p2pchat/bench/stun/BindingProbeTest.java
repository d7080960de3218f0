package dev.p2pchat.bench.stun;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p2pchat.protocol.stun.AddressAttribute.XorMappedAddress;
import dev.p2pchat.protocol.stun.Stun;
import dev.p2pchat.protocol.stun.StunMessage;
import dev.p2pchat.protocol.stun.StunMessageType;
import dev.p2pchat.protocol.stun.TransactionId;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class BindingProbeTest {
  private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40_000);

  private static byte[] answer(int tag, long seq, InetSocketAddress mapped) {
    byte[] id = ByteBuffer.allocate(12).putInt(tag).putLong(seq).array();
    return Stun.encode(StunMessage.of(StunMessageType.BINDING_SUCCESS, TransactionId.of(id), new XorMappedAddress(mapped)));
  }

  @Test
  void aStampedRequestDecodesAsABindingRequestCarryingTagAndSequence() throws Exception {
    BindingProbe probe = new BindingProbe(0x5eed);
    ByteBuffer request = ByteBuffer.allocate(BindingProbe.REQUEST_LENGTH).put(BindingProbe.template(0x5eed)).flip();
    probe.stamp(request, 12_345);
    StunMessage decoded = Stun.decode(request.array());
    assertThat(decoded.type()).isEqualTo(StunMessageType.BINDING_REQUEST);
    assertThat(decoded.transactionId()).isEqualTo(TransactionId.of(ByteBuffer.allocate(12).putInt(0x5eed).putLong(12_345).array()));
  }

  @Test
  void answersOfThisRunAreMatchedOthersAreNot() {
    BindingProbe probe = new BindingProbe(7);
    byte[] ours = answer(7, 99, CLIENT);
    byte[] otherRun = answer(8, 99, CLIENT);
    assertThat(probe.sequenceOf(ByteBuffer.wrap(ours), ours.length)).isEqualTo(99);
    assertThat(probe.sequenceOf(ByteBuffer.wrap(otherRun), otherRun.length)).isEqualTo(-1);
    assertThat(probe.sequenceOf(ByteBuffer.wrap(ours), 19)).isEqualTo(-1);
  }

  @Test
  void theFullCheckCatchesAWrongMappedAddressAndJunk() {
    assertThat(BindingProbe.verify(answer(7, 1, CLIENT), CLIENT)).isEmpty();
    assertThat(BindingProbe.verify(answer(7, 1, new InetSocketAddress("127.0.0.1", 40_001)), CLIENT)).get().asString()
        .contains("expected");
    assertThat(BindingProbe.verify(new byte[] {1, 2, 3}, CLIENT)).get().asString().startsWith("undecodable");
  }
}
