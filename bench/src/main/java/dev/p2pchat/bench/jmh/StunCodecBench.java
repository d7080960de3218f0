package dev.p2pchat.bench.jmh;

import dev.p2pchat.protocol.stun.AddressAttribute.XorMappedAddress;
import dev.p2pchat.protocol.stun.Stun;
import dev.p2pchat.protocol.stun.StunMessage;
import dev.p2pchat.protocol.stun.StunMessageType;
import dev.p2pchat.protocol.stun.StunParseException;
import dev.p2pchat.protocol.stun.TransactionId;
import java.net.InetSocketAddress;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** What the STUN server does per Binding request: decode it, encode the success answer. */
@State(Scope.Thread)
public class StunCodecBench {
  private byte[] request;
  private byte[] success;
  private StunMessage answer;

  @Setup
  public void setUp() throws StunParseException {
    TransactionId id = TransactionId.of(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
    request = Stun.encode(StunMessage.of(StunMessageType.BINDING_REQUEST, id));
    answer = StunMessage.of(StunMessageType.BINDING_SUCCESS, id,
        new XorMappedAddress(new InetSocketAddress("198.51.100.7", 40_000)));
    success = Stun.encode(answer);
    if (!Stun.decode(success).equals(answer) || !Stun.decode(request).type().equals(StunMessageType.BINDING_REQUEST)) {
      throw new IllegalStateException("STUN codec does not round-trip");
    }
  }

  @Benchmark
  public StunMessage decodeBindingRequest() throws StunParseException {
    return Stun.decode(request);
  }

  @Benchmark
  public byte[] encodeBindingSuccess() {
    return Stun.encode(answer);
  }

  @Benchmark
  public StunMessage decodeBindingSuccess() throws StunParseException {
    return Stun.decode(success);
  }
}
