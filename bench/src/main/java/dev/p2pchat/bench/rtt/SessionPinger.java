package dev.p2pchat.bench.rtt;

import dev.p2pchat.protocol.noise.HandshakeException;
import dev.p2pchat.protocol.noise.IkHandshake;
import dev.p2pchat.protocol.noise.NoiseKeyPair;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * p2pchat's stack: two {@link TraversalAgent}s on real loopback UDP with their own task loops, a
 * direct path chosen by connectivity checks, and Noise transport packets ({@link SecureChannel}
 * after an IK handshake) on it. The echoing side opens each packet and seals the answer on its
 * agent's loop, as the session layer will; the pinging side opens the echo before the round ends.
 * The session layer proper (reliable stream, message ids) is not in the loop: this is the path
 * plus the encryption.
 */
final class SessionPinger implements Pinger {
  private final ThreadTaskLoop loopA = new ThreadTaskLoop("rtt-a");
  private final ThreadTaskLoop loopB = new ThreadTaskLoop("rtt-b");
  private final TraversalAgent a;
  private final TraversalAgent b;
  private final Path pathA;
  private final SecureChannel alice;
  private final BlockingQueue<byte[]> echoes = new LinkedBlockingQueue<>();
  private final Clock clock = Clock.systemUTC();

  SessionPinger() throws IOException, InterruptedException, HandshakeException, ExecutionException, TimeoutException {
    UdpNetwork loopback = UdpNetwork.onAddress(InetAddress.getLoopbackAddress());
    SecureRandom random = new SecureRandom();
    a = TraversalAgent.open(loopback, loopA, AgentConfig.defaults(), random);
    b = TraversalAgent.open(loopback, loopB, AgentConfig.defaults(), random);
    PeerDescription offer = a.gather().get(5, TimeUnit.SECONDS);
    PeerDescription answer = b.gather().get(5, TimeUnit.SECONDS);
    var atB = b.connect(answer, offer, Role.CONTROLLED);
    pathA = a.connect(offer, answer, Role.CONTROLLING).get(10, TimeUnit.SECONDS);
    Path pathB = atB.get(10, TimeUnit.SECONDS);
    SecureChannel[] channels = handshake(random);
    alice = channels[0];
    SecureChannel bob = channels[1];
    pathB.setListener((path, packet) -> {
      OpenResult result = bob.open(clock.instant(), packet);
      if (result instanceof OpenResult.Opened opened) {
        path.send(bob.seal(clock.instant(), opened.plaintext()).orElseThrow());
      } else {
        System.err.println("round-trip: the echo side rejected a packet: " + result);
      }
    });
    pathA.setListener((path, packet) -> {
      OpenResult result = alice.open(clock.instant(), packet);
      if (result instanceof OpenResult.Opened opened) {
        echoes.add(opened.plaintext());
      } else {
        System.err.println("round-trip: an echo was rejected: " + result);
      }
    });
  }

  private SecureChannel[] handshake(SecureRandom random) throws HandshakeException {
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
    pathA.send(packet); // any thread may send (Path), as the raw baseline sends from the caller
    if (echoes.poll(5, TimeUnit.SECONDS) == null) {
      throw new SocketTimeoutException("no echo over the session");
    }
  }

  @Override
  public void close() {
    a.close();
    b.close();
    loopA.close();
    loopB.close();
  }
}
