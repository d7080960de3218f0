package dev.p2pchat.bench.rtt;

import dev.p2pchat.protocol.noise.HandshakeException;
import dev.p2pchat.protocol.noise.HandshakeInitiation;
import dev.p2pchat.protocol.noise.IkHandshake;
import dev.p2pchat.protocol.noise.NoiseKeyPair;
import dev.p2pchat.protocol.noise.NoiseWire;
import dev.p2pchat.protocol.noise.OpenResult;
import dev.p2pchat.protocol.noise.RekeyPolicy;
import dev.p2pchat.protocol.noise.SecureChannel;
import dev.p2pchat.protocol.noise.WireFormatException;
import dev.p2pchat.traversal.Path;
import dev.p2pchat.traversal.PathListener;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;

/**
 * The echoing peer of a round trip: opens each transport packet and seals the same plaintext back, on
 * the agent's loop, as the session layer would. With a static key instead of a channel it first
 * answers the pinger's IK initiation (the same answer again for a repeated one, so a retried initiation
 * cannot leave the two sides with different channels).
 */
final class EchoListener implements PathListener {
  private final Clock clock = Clock.systemUTC();
  private final NoiseKeyPair staticKeys;
  private volatile SecureChannel channel;
  // Touched only on the agent's loop, where the path calls its listener.
  private HandshakeInitiation answered;
  private byte[] answer;

  /** Echoes over an established channel. */
  EchoListener(SecureChannel channel) {
    this.staticKeys = null;
    this.channel = channel;
  }

  /** Answers the handshake with {@code staticKeys}, then echoes. */
  EchoListener(NoiseKeyPair staticKeys) {
    this.staticKeys = staticKeys;
  }

  @Override
  public void onFrame(Path path, byte[] packet) {
    if (packet.length > 0 && packet[0] == NoiseWire.TYPE_INITIATION && staticKeys != null) {
      answerHandshake(path, packet);
      return;
    }
    SecureChannel current = channel;
    if (current == null) {
      return;
    }
    OpenResult result = current.open(clock.instant(), packet);
    if (result instanceof OpenResult.Opened opened) {
      path.send(current.seal(clock.instant(), opened.plaintext()).orElseThrow());
    } else {
      System.err.println("round-trip: the echo side rejected a packet: " + result);
    }
  }

  private void answerHandshake(Path path, byte[] packet) {
    try {
      HandshakeInitiation init = (HandshakeInitiation) NoiseWire.decode(packet);
      if (!init.equals(answered)) {
        SecureRandom random = new SecureRandom();
        var responded = IkHandshake.respond(IkHandshake.receive(staticKeys, NoiseKeyPair.generate(random), init), 2,
            new byte[0], clock.instant(), RekeyPolicy.STANDARD);
        answered = init;
        answer = responded.message().encode();
        channel = responded.channel();
      }
      path.send(Arrays.copyOf(answer, answer.length));
    } catch (WireFormatException | HandshakeException | ClassCastException e) {
      System.err.println("round-trip: a bad handshake initiation: " + e);
    }
  }
}
