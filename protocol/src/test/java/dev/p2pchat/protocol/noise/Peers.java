package dev.p2pchat.protocol.noise;

import java.time.Instant;
import java.util.Random;

/** Two parties with fixed keys and a completed IK handshake, for tests. */
final class Peers {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  final Random random = new Random(42);
  final NoiseKeyPair alice = NoiseKeyPair.generate(random);
  final NoiseKeyPair bob = NoiseKeyPair.generate(random);

  IkHandshake.Pending initiate(byte[] payload) throws HandshakeException {
    return IkHandshake.initiate(alice, bob.publicKey(), NoiseKeyPair.generate(random), 11, 1000, payload, T0);
  }

  IkHandshake.Received receive(HandshakeInitiation initiation) throws HandshakeException {
    return IkHandshake.receive(bob, NoiseKeyPair.generate(random), initiation);
  }

  /** [alice's channel, bob's channel] */
  SecureChannel[] connect(RekeyPolicy policy) throws HandshakeException {
    IkHandshake.Pending pending = initiate(new byte[0]);
    IkHandshake.Responded responded = IkHandshake.respond(receive(pending.message()), 22, new byte[0], T0, policy);
    IkHandshake.Completed completed = IkHandshake.complete(pending, responded.message(), T0, policy);
    return new SecureChannel[] {completed.channel(), responded.channel()};
  }
}
