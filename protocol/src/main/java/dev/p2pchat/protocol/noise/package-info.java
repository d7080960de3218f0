/**
 * End-to-end encryption between two peers: the Noise Protocol Framework (revision 34) for the suite
 * 25519 / ChaChaPoly / SHA256 on the JDK's own crypto, and the WireGuard-shaped datagrams that
 * carry it.
 *
 * <p>Layers, bottom up:
 * <ul>
 *   <li>{@link dev.p2pchat.protocol.noise.CipherState}, {@code SymmetricState}, {@link
 *       dev.p2pchat.protocol.noise.HandshakeState}: Noise §5, interpreting any {@link
 *       dev.p2pchat.protocol.noise.HandshakePattern} declared as data (IK, XX, NN, KK);
 *   <li>{@link dev.p2pchat.protocol.noise.NoiseWire}: the datagrams, first byte 0xD2–0xD5;
 *   <li>{@link dev.p2pchat.protocol.noise.IkHandshake}: wire version 1, one round trip;
 *   <li>{@link dev.p2pchat.protocol.noise.SecureChannel}: transport keys with explicit counters and
 *       a replay window; {@link dev.p2pchat.protocol.noise.RekeyPolicy} says when to rekey;
 *   <li>{@link dev.p2pchat.protocol.noise.PeerSession}: the per-peer state machine (simultaneous
 *       initiation, current/previous/next keys) that the session layer drives.
 * </ul>
 *
 * <pre>
 *  initiation  D2 | version | sender index (4)                    | Noise IK message 1
 *  response    D3 | version | sender index (4) | receiver idx (4) | Noise IK message 2
 *  transport   D4 | receiver index (4) | counter (8)              | ChaCha20-Poly1305(payload), AD = header
 *  reserved    D5   cookie reply (load-time DoS protection), not sent yet
 * </pre>
 *
 * <p>Pure: no sockets, threads or clocks. Time ({@link java.time.Instant}) and randomness
 * ({@link java.util.random.RandomGenerator}, a SecureRandom in production) are parameters.
 */
package dev.p2pchat.protocol.noise;
