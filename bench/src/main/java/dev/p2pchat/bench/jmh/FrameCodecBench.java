package dev.p2pchat.bench.jmh;

import dev.p2pchat.protocol.frame.CheckFrame;
import dev.p2pchat.protocol.frame.CheckFrameCodec;
import dev.p2pchat.protocol.frame.CheckKey;
import dev.p2pchat.protocol.frame.FrameException;
import dev.p2pchat.protocol.frame.TransactionId;
import dev.p2pchat.protocol.frame.Ufrag;
import dev.p2pchat.protocol.reliable.AckFrame;
import dev.p2pchat.protocol.reliable.DataFrame;
import dev.p2pchat.protocol.reliable.FrameDecodeException;
import dev.p2pchat.protocol.reliable.MessageId;
import dev.p2pchat.protocol.reliable.SackRange;
import dev.p2pchat.protocol.reliable.StreamFrame;
import dev.p2pchat.protocol.reliable.StreamFrameCodec;
import java.util.List;
import java.util.Random;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The two frame codecs on the wire: the reliable stream's packet (a chat line plus a piggy-backed
 * ACK with one SACK range) and the connectivity check PING, whose codec also computes and checks
 * its HMAC tag.
 */
@State(Scope.Thread)
public class FrameCodecBench {
  private List<StreamFrame> frames;
  private byte[] streamPacket;
  private CheckFrame ping;
  private CheckKey key;
  private byte[] pingBytes;
  private final CheckFrameCodec.KeyLookup lookup = receiver -> key;

  @Setup
  public void setUp() throws FrameDecodeException, FrameException {
    Random random = new Random(7);
    byte[] line = new byte[128];
    random.nextBytes(line);
    frames = List.of(new DataFrame(42, new MessageId(random.nextLong(), random.nextLong()), true, line),
        new AckFrame(17, 1_500, List.of(new SackRange(19, 21))));
    streamPacket = StreamFrameCodec.encode(frames);
    key = CheckKey.random(random);
    ping = new CheckFrame.Ping(true, 0x7e00_00ffL, TransactionId.random(random), Ufrag.random(random), Ufrag.random(random));
    pingBytes = CheckFrameCodec.encode(ping, key);
    if (!StreamFrameCodec.decode(streamPacket).equals(frames) || !CheckFrameCodec.decode(pingBytes, lookup).equals(ping)) {
      throw new IllegalStateException("frame codecs do not round-trip");
    }
  }

  @Benchmark
  public byte[] encodeStreamPacket() {
    return StreamFrameCodec.encode(frames);
  }

  @Benchmark
  public List<StreamFrame> decodeStreamPacket() throws FrameDecodeException {
    return StreamFrameCodec.decode(streamPacket);
  }

  @Benchmark
  public byte[] encodeCheckPing() {
    return CheckFrameCodec.encode(ping, key);
  }

  @Benchmark
  public CheckFrame decodeCheckPing() throws FrameException {
    return CheckFrameCodec.decode(pingBytes, lookup);
  }
}
