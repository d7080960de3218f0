package dev.p2pchat.protocol.noise;

/** What {@link PeerSession#receive} made of one datagram from the peer. */
public sealed interface PeerEvent {

  /** We answered the peer's initiation: send {@code response}; {@code payload} is its early data. */
  record Responded(byte[] response, byte[] payload) implements PeerEvent {
    public Responded {
      response = response.clone();
      payload = payload.clone();
    }

    @Override
    public byte[] response() {
      return response.clone();
    }

    @Override
    public byte[] payload() {
      return payload.clone();
    }
  }

  /**
   * Our initiation was answered: the session is up. Send {@code confirmation} (an empty transport
   * packet) at once, so the responder may start sending too.
   */
  record Established(byte[] payload, byte[] confirmation) implements PeerEvent {
    public Established {
      payload = payload.clone();
      confirmation = confirmation.clone();
    }

    @Override
    public byte[] payload() {
      return payload.clone();
    }

    @Override
    public byte[] confirmation() {
      return confirmation.clone();
    }
  }

  /** Authentic transport data; empty for a keepalive or confirmation. */
  record Data(byte[] plaintext, long counter) implements PeerEvent {
    public Data {
      plaintext = plaintext.clone();
    }

    @Override
    public byte[] plaintext() {
      return plaintext.clone();
    }
  }

  /**
   * Both sides initiated at once and ours wins the tie-break (lower static key): the peer's
   * initiation is ignored; it will answer ours.
   */
  record KeptInitiatorRole() implements PeerEvent {}

  /** Dropped without an answer; counted by the caller. Some drops must be shown to the user. */
  record Dropped(Drop reason) implements PeerEvent {}

  /** Why a datagram was dropped; each variant carries what is known about it. */
  sealed interface Drop {
    /** Not a valid Noise datagram. */
    record Malformed(WireError error) implements Drop {}

    /**
     * A handshake message failed to authenticate or parse. For an initiation this may mean the
     * peer no longer has the key we pinned, or that it is not the peer: worth surfacing.
     */
    record HandshakeFailed(HandshakeException.Reason reason) implements Drop {}

    /**
     * An authentic initiation from a static key other than the pinned one: the contact's key
     * changed (or someone else reached this session). The client must show it, not chat.
     */
    record UnexpectedPeerKey(NoisePublicKey presented) implements Drop {}

    /** An initiation no newer than one already accepted: a replay. */
    record StaleInitiation(long timestamp) implements Drop {}

    /** Addressed to an index of no live handshake or channel of this peer. */
    record UnknownIndex(int index) implements Drop {}

    /** A transport packet its channel refused. */
    record TransportRejected(Rejection rejection) implements Drop {}
  }
}
