package dev.p2pchat.protocol.noise;

import dev.p2pchat.protocol.noise.PeerEvent.Drop;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The encrypted session with one peer whose static key is pinned: handshakes (wire version 1, IK),
 * their retransmission and rekeying, and the current/previous/next channels. Pure: the caller
 * feeds datagrams and the time, and sends what it is given.
 *
 * <pre>
 *            initiate()                      response authenticates
 *   idle ─────────────────▶ initiating ─────────────────────────────▶ established
 *    │  ▲                    │   ▲  tick(): resend after REKEY_TIMEOUT    │
 *    │  └── tick(): give up ─┘   └──────── tick(): rekey due ─────────────┘
 *    │       after REKEY_ATTEMPT_TIME
 *    └── peer's initiation ──▶ responded (next keys) ── first packet on them ──▶ established
 * </pre>
 *
 * <p><b>Simultaneous initiation.</b> When an authentic initiation arrives while our own is
 * pending, the side whose static public key is lower (unsigned byte order) keeps the initiator
 * role and ignores the peer's initiation; the other abandons its own and answers. Both ends then
 * agree on the one session the lower key initiated, whatever the order of arrival.
 *
 * <p>Not thread-safe: one owner (the session's task loop) calls every method.
 */
public final class PeerSession {
  private final NoiseKeyPair localStatic;
  private final NoisePublicKey remoteStatic;
  private final RandomGenerator random;
  private final LocalIndices indices;
  private final RekeyPolicy policy;
  private final Keypairs keypairs;
  private final byte[] handshakePayload;
  private IkHandshake.Pending pending;
  private Instant attemptStartedAt;
  private long lastSentTimestamp = Long.MIN_VALUE;
  private long greatestReceivedTimestamp = Long.MIN_VALUE;

  /** What {@link #tick} asks the caller to do. */
  public sealed interface Tick {
    /** Nothing to send. */
    record Idle() implements Tick {}

    /** Send this handshake initiation (a retransmission or a rekey). */
    record Send(byte[] initiation) implements Tick {
      public Send {
        initiation = initiation.clone();
      }

      @Override
      public byte[] initiation() {
        return initiation.clone();
      }
    }

    /** The handshake went unanswered for REKEY_ATTEMPT_TIME: report the peer unreachable. */
    record GaveUp() implements Tick {}
  }

  /**
   * @param random randomness for ephemeral keys: a SecureRandom outside tests
   * @param indices allocator of the indices peers address us by, shared by all peers of a client
   */
  public PeerSession(NoiseKeyPair localStatic, NoisePublicKey remoteStatic, RandomGenerator random,
      LocalIndices indices, RekeyPolicy policy) {
    this(localStatic, remoteStatic, random, indices, policy, new byte[0]);
  }

  /**
   * @param handshakePayload carried in every handshake message this side sends on its own: the
   *     initiations that {@link #tick} resends or starts for a rekey, and every response. The session
   *     layer puts its stream epoch there, so that each handshake tells the peer whether this side
   *     restarted. It travels encrypted but, in an initiation, without forward secrecy: keep it small
   *     and not secret.
   */
  public PeerSession(NoiseKeyPair localStatic, NoisePublicKey remoteStatic, RandomGenerator random,
      LocalIndices indices, RekeyPolicy policy, byte[] handshakePayload) {
    this.handshakePayload = handshakePayload.clone();
    this.localStatic = localStatic;
    this.remoteStatic = remoteStatic;
    this.random = random;
    this.indices = indices;
    this.policy = policy;
    this.keypairs = new Keypairs(indices);
  }

  /** Starts a handshake carrying the session's handshake payload (see the constructor). */
  public byte[] initiate(Instant now) {
    return initiate(now, handshakePayload);
  }

  /**
   * Starts a handshake (abandoning one still pending): the initiation to send. {@code earlyData}
   * travels encrypted in it, readable only by the pinned key's holder, but without forward secrecy
   * against a later theft of that key: use it for little.
   */
  public byte[] initiate(Instant now, byte[] earlyData) {
    if (pending == null) {
      attemptStartedAt = now;
    } else {
      indices.release(pending.localIndex());
    }
    long timestamp = Math.max(now.toEpochMilli(), lastSentTimestamp + 1);
    lastSentTimestamp = timestamp;
    int index = indices.allocate();
    try {
      pending = IkHandshake.initiate(localStatic, remoteStatic, NoiseKeyPair.generate(random), index, timestamp,
          earlyData, now);
    } catch (HandshakeException e) {
      // Only a small-order pinned key fails here: it was accepted as a contact key, so say so loudly.
      indices.release(index);
      pending = null;
      throw new IllegalStateException("the pinned peer key is unusable for X25519: " + e.reason(), e);
    }
    return pending.message().encode();
  }

  /** Handles one datagram of type 0xD2–0xD5 from the peer. Never throws on what the network sends. */
  public PeerEvent receive(Instant now, byte[] packet) {
    WireMessage message;
    try {
      message = NoiseWire.decode(packet);
    } catch (WireFormatException e) {
      return new PeerEvent.Dropped(new Drop.Malformed(e.error()));
    }
    return switch (message) {
      case HandshakeInitiation initiation -> receiveInitiation(now, initiation);
      case HandshakeResponse response -> receiveResponse(now, response);
      case TransportData data -> receiveTransport(now, data);
    };
  }

  private PeerEvent receiveInitiation(Instant now, HandshakeInitiation initiation) {
    try {
      return receiveInitiation(now, IkHandshake.receive(localStatic, NoiseKeyPair.generate(random), initiation));
    } catch (HandshakeException e) {
      return new PeerEvent.Dropped(new Drop.HandshakeFailed(e.reason()));
    }
  }

  /**
   * Handles an initiation the caller already authenticated with {@link IkHandshake#receive} (to
   * learn, from its static key, which peer's session it is for).
   */
  public PeerEvent receiveInitiation(Instant now, IkHandshake.Received received) {
    if (!received.remoteStatic().equals(remoteStatic)) {
      return new PeerEvent.Dropped(new Drop.UnexpectedPeerKey(received.remoteStatic()));
    }
    if (received.timestamp() <= greatestReceivedTimestamp) {
      return new PeerEvent.Dropped(new Drop.StaleInitiation(received.timestamp()));
    }
    if (pending != null) {
      if (localStatic.publicKey().compareTo(remoteStatic) < 0) {
        return new PeerEvent.KeptInitiatorRole();
      }
      indices.release(pending.localIndex());
      pending = null;
      attemptStartedAt = null;
    }
    greatestReceivedTimestamp = received.timestamp();
    int index = indices.allocate();
    try {
      IkHandshake.Responded responded = IkHandshake.respond(received, index, handshakePayload, now, policy);
      keypairs.installNext(responded.channel());
      return new PeerEvent.Responded(responded.message().encode(), received.payload());
    } catch (HandshakeException e) {
      indices.release(index);
      return new PeerEvent.Dropped(new Drop.HandshakeFailed(e.reason()));
    }
  }

  private PeerEvent receiveResponse(Instant now, HandshakeResponse response) {
    if (pending == null || response.receiverIndex() != pending.localIndex()) {
      return new PeerEvent.Dropped(new Drop.UnknownIndex(response.receiverIndex()));
    }
    IkHandshake.Completed completed;
    try {
      completed = IkHandshake.complete(pending, response, now, policy);
    } catch (HandshakeException e) {
      return new PeerEvent.Dropped(new Drop.HandshakeFailed(e.reason()));
    }
    pending = null;
    attemptStartedAt = null;
    keypairs.installConfirmed(completed.channel());
    byte[] confirmation = completed.channel().seal(now, new byte[0]).orElseThrow();
    return new PeerEvent.Established(completed.payload(), confirmation);
  }

  private PeerEvent receiveTransport(Instant now, TransportData data) {
    Optional<SecureChannel> channel = keypairs.byLocalIndex(data.receiverIndex());
    if (channel.isEmpty()) {
      return new PeerEvent.Dropped(new Drop.UnknownIndex(data.receiverIndex()));
    }
    return switch (channel.get().open(now, data)) {
      case OpenResult.Rejected rejected -> new PeerEvent.Dropped(new Drop.TransportRejected(rejected.reason()));
      case OpenResult.Opened opened -> {
        keypairs.confirmed(channel.get());
        yield new PeerEvent.Data(opened.plaintext(), opened.counter());
      }
    };
  }

  /**
   * The transport packet for {@code plaintext} under the current keys, or empty when there are
   * none usable: the caller then calls {@link #initiate} (unless {@link #isHandshaking()}) and
   * keeps the message queued.
   */
  public Optional<byte[]> seal(Instant now, byte[] plaintext) {
    return keypairs.current().flatMap(channel -> channel.seal(now, plaintext));
  }

  /** Timers: expires old keys, resends or gives up a pending handshake, starts a due rekey. */
  public Tick tick(Instant now) {
    keypairs.expire(now, policy);
    if (pending != null) {
      if (policy.shouldGiveUp(now, attemptStartedAt)) {
        indices.release(pending.localIndex());
        pending = null;
        attemptStartedAt = null;
        return new Tick.GaveUp();
      }
      return policy.shouldRetransmit(now, pending.sentAt()) ? new Tick.Send(initiate(now, handshakePayload))
          : new Tick.Idle();
    }
    Optional<SecureChannel> current = keypairs.current();
    if (current.isPresent() && policy.shouldRekey(now, current.get())) {
      return new Tick.Send(initiate(now, handshakePayload));
    }
    return new Tick.Idle();
  }

  /** Whether an initiation of ours is waiting for its response. */
  public boolean isHandshaking() {
    return pending != null;
  }

  /** The channel messages are sent on, if any. */
  public Optional<SecureChannel> current() {
    return keypairs.current();
  }

  public NoisePublicKey remoteStatic() {
    return remoteStatic;
  }
}
