package dev.p2pchat.bench.rtt;

import dev.p2pchat.protocol.noise.HandshakeException;
import dev.p2pchat.protocol.noise.IkHandshake;
import dev.p2pchat.protocol.noise.NoiseKeyPair;
import dev.p2pchat.protocol.noise.NoiseWire;
import dev.p2pchat.protocol.noise.OpenResult;
import dev.p2pchat.protocol.noise.RekeyPolicy;
import dev.p2pchat.protocol.noise.SecureChannel;
import dev.p2pchat.traversal.AgentConfig;
import dev.p2pchat.traversal.Path;
import dev.p2pchat.traversal.PeerDescription;
import dev.p2pchat.traversal.Role;
import dev.p2pchat.traversal.TraversalAgent;
import dev.p2pchat.traversal.loop.ThreadTaskLoop;
import dev.p2pchat.traversal.net.UdpNetwork;
import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * p2pchat's stack: a {@link Path} chosen by a {@link TraversalAgent}'s connectivity checks and Noise
 * transport packets ({@link SecureChannel} after an IK handshake) on it; the pinging side seals each
 * line and opens the echo before the round ends, the far side is an {@link EchoListener}. The session
 * layer proper (reliable stream, message ids) is not in the loop: this is the path plus the encryption.
 * {@link #onLoopback()} builds both sides in this process; {@link LabRoundTrip} gives a path to a peer
 * in another process.
 */
final class SessionPinger implements Pinger {
  private final Path path;
  private final SecureChannel alice;
  private final Runnable closer;
  private final BlockingQueue<byte[]> echoes = new LinkedBlockingQueue<>();
  private final Clock clock = Clock.systemUTC();

  SessionPinger(Path path, SecureChannel channel, Runnable closer) {
    this.path = path;
    this.alice = channel;
    this.closer = closer;
    path.setListener((p, packet) -> {
      if (packet.length == 0 || packet[0] != NoiseWire.TYPE_TRANSPORT) {
        return; // a late answer to a repeated handshake initiation
      }
      OpenResult result = alice.open(clock.instant(), packet);
      if (result instanceof OpenResult.Opened opened) {
        echoes.add(opened.plaintext());
      } else {
        System.err.println("round-trip: an echo was rejected: " + result);
      }
    });
  }

  /** Two agents with their own task loops on real loopback UDP, their path and a channel on it. */
  static SessionPinger onLoopback() throws IOException, InterruptedException, HandshakeException, ExecutionException,
      TimeoutException {
    ThreadTaskLoop loopA = new ThreadTaskLoop("rtt-a");
    ThreadTaskLoop loopB = new ThreadTaskLoop("rtt-b");
    UdpNetwork loopback = UdpNetwork.onAddress(InetAddress.getLoopbackAddress());
    SecureRandom random = new SecureRandom();
    TraversalAgent a = TraversalAgent.open(loopback, loopA, AgentConfig.defaults(), random);
    TraversalAgent b = TraversalAgent.open(loopback, loopB, AgentConfig.defaults(), random);
    PeerDescription offer = a.gather().get(5, TimeUnit.SECONDS);
    PeerDescription answer = b.gather().get(5, TimeUnit.SECONDS);
    var atB = b.connect(answer, offer, Role.CONTROLLED);
    Path pathA = a.connect(offer, answer, Role.CONTROLLING).get(10, TimeUnit.SECONDS);
    Path pathB = atB.get(10, TimeUnit.SECONDS);
    SecureChannel[] channels = handshake(random);
    pathB.setListener(new EchoListener(channels[1]));
    return new SessionPinger(pathA, channels[0], () -> {
      a.close();
      b.close();
      loopA.close();
      loopB.close();
    });
  }

  private static SecureChannel[] handshake(SecureRandom random) throws HandshakeException {
    Clock clock = Clock.systemUTC();
    NoiseKeyPair aliceKeys = NoiseKeyPair.generate(random);
    NoiseKeyPair bobKeys = NoiseKeyPair.generate(random);
    var now = clock.instant();
    IkHandshake.Pending pending = IkHandshake.initiate(aliceKeys, bobKeys.publicKey(), NoiseKeyPair.generate(random), 1,
        now.toEpochMilli(), new byte[0], now);
    IkHandshake.Responded responded = IkHandshake.respond(
        IkHandshake.receive(bobKeys, NoiseKeyPair.generate(random), pending.message()), 2, new byte[0], now, RekeyPolicy.STANDARD);
    return new SecureChannel[] {
        IkHandshake.complete(pending, responded.message(), now, RekeyPolicy.STANDARD).channel(), responded.channel()};
  }

  @Override
  public void ping(byte[] message) throws InterruptedException, SocketTimeoutException {
    byte[] packet = alice.seal(clock.instant(), message).orElseThrow();
    path.send(packet); // any thread may send (Path), as the raw baseline sends from the caller
    if (echoes.poll(5, TimeUnit.SECONDS) == null) {
      throw new SocketTimeoutException("no echo over the session");
    }
  }

  @Override
  public void close() {
    closer.run();
  }
}
