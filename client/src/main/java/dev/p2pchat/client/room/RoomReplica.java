package dev.p2pchat.client.room;

import dev.p2pchat.protocol.identity.SigningKeyPair;
import dev.p2pchat.protocol.identity.SigningPublicKey;
import dev.p2pchat.protocol.identity.Username;
import dev.p2pchat.protocol.room.MemberRole;
import dev.p2pchat.protocol.room.Membership;
import dev.p2pchat.protocol.room.MembershipChange;
import dev.p2pchat.protocol.room.MembershipException;
import dev.p2pchat.protocol.room.MembershipLog;
import dev.p2pchat.protocol.room.MembershipOp;
import dev.p2pchat.protocol.room.RoomId;
import dev.p2pchat.protocol.room.RoomMessage;
import dev.p2pchat.protocol.room.RoomMessage.MembershipUpdate;
import dev.p2pchat.protocol.room.RoomMessage.SyncRequest;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One member's replica of one room: the membership chain, sender keys, the ordered history. Pure
 * logic with no socket, clock or thread: each call returns a {@link Step} (room messages to send over
 * the 1:1 sessions, events to show). One owner thread.
 *
 * <p>Membership: one admin, the {@linkplain Membership#sequencer() sequencer}, applies changes to the
 * chain and broadcasts them. Anyone else's change (an invitee's accept, a member's leave, another
 * admin's invite or removal) is a proposal sent to the sequencer, which applies it if it extends the
 * head and answers a proposal made on an old head with the changes its author lacks, who then
 * re-signs it on the new head. One writer: the chain does not fork. Every membership change starts a
 * new epoch: each reader draws a new sender key and sends it to the other readers of that epoch.
 */
public final class RoomReplica {
  final Username self;
  final SigningKeyPair identity;
  final MembershipLog log;
  final RandomGenerator random;
  RoomJournal journal;
  final RoomCounters counters = new RoomCounters();
  final MessagePath messages;
  /** Our proposals not yet in the chain, oldest first; the first is signed and sent ({@link #proposal}). */
  private final java.util.ArrayDeque<MembershipOp> proposals = new java.util.ArrayDeque<>();
  private MembershipChange proposal;

  private RoomReplica(Username self, SigningKeyPair identity, MembershipLog log, RandomGenerator random,
      RoomJournal journal) {
    this.self = self;
    this.identity = identity;
    this.log = log;
    this.random = random;
    this.journal = journal;
    this.messages = new MessagePath(this);
  }

  /** A new room with {@code self} as its only admin. {@code random} must be a SecureRandom outside tests. */
  public static RoomReplica create(Username self, SigningKeyPair identity, String name, boolean historyVisible,
      RandomGenerator random, RoomJournal journal) {
    byte[] nonce = new byte[MembershipOp.Create.NONCE_LENGTH];
    random.nextBytes(nonce);
    MembershipOp create = new MembershipOp.Create(name, historyVisible, nonce, identity.publicKey());
    MembershipChange genesis = MembershipChange.sign(new byte[32], 1, self, create, identity);
    try {
      RoomReplica replica = new RoomReplica(self, identity, MembershipLog.verify(List.of(genesis)), random, journal);
      journal.change(replica.roomId(), genesis);
      replica.afterAdvance(1, new Step.Builder());
      return replica;
    } catch (MembershipException e) {
      throw new IllegalStateException("a genesis we signed ourselves verifies", e);
    }
  }

  /**
   * The replica of an invitee, from the chain the invitation carried: verified from the genesis, so
   * neither the server nor the inviter can slip in a member the admins did not sign.
   */
  public static RoomReplica fromInvitation(Username self, SigningKeyPair identity, List<MembershipChange> chain,
      RandomGenerator random, RoomJournal journal) throws MembershipException {
    RoomReplica replica = new RoomReplica(self, identity, MembershipLog.verify(chain), random, journal);
    if (replica.membership().member(self).map(m -> !m.key().equals(identity.publicKey())).orElse(true)) {
      throw new MembershipException(new dev.p2pchat.protocol.room.MembershipRejection.InvalidTarget(
          self, "the invitation is not for this user and key"));
    }
    chain.forEach(change -> journal.change(replica.roomId(), change));
    return replica;
  }

  /**
   * The replica a store held: the chain verified again from the genesis, the keys, and the envelopes
   * (each checked again as if it had just arrived). Nothing is journalled again.
   */
  public static RoomReplica restore(Username self, SigningKeyPair identity, StoredRoom stored,
      RandomGenerator random, RoomJournal journal) throws MembershipException {
    RoomReplica replica =
        new RoomReplica(self, identity, MembershipLog.verify(stored.chain()), random, RoomJournal.NONE);
    replica.messages.restore(stored);
    replica.journal = journal;
    return replica;
  }

  public Step invite(Username user, SigningPublicKey key) throws MembershipException {
    return change(new MembershipOp.Invite(user, key));
  }

  public Step remove(Username user) throws MembershipException {
    return change(new MembershipOp.Remove(user));
  }

  public Step promote(Username user) throws MembershipException {
    return change(new MembershipOp.Promote(user));
  }

  /** Accepts this replica's invitation: a proposal to the sequencer. */
  public Step accept() throws MembershipException {
    return change(new MembershipOp.Accept());
  }

  /** Leaves the room. */
  public Step leave() throws MembershipException {
    return change(new MembershipOp.Leave());
  }

  /** Seals and fans out one message; only readers of the current epoch may send. */
  public Step send(byte[] plaintext) {
    return messages.send(plaintext);
  }

  /** Asks {@code peer} for what this replica lacks (anti-entropy; call periodically and on reconnect). */
  public Step syncWith(Username peer) {
    Step.Builder step = new Step.Builder();
    step.out.add(new Outbound(peer, syncRequest()));
    return step.build();
  }

  /**
   * Periodic work (every few seconds; the 1:1 sessions are reliable, this covers restarts and
   * lost sessions): resends a pending proposal, an admin resends the chain to invitees who have not
   * answered, and missing sender keys are asked for again.
   */
  public Step tick() {
    Step.Builder step = new Step.Builder();
    if (proposal != null) {
      sendToSequencer(new MembershipUpdate(roomId(), List.of(proposal)), step);
    }
    if (isAdmin()) {
      membership().members().values().stream().filter(m -> m.role() == MemberRole.INVITED)
          .forEach(m -> step.out.add(new Outbound(m.user(), new MembershipUpdate(roomId(), log.changes()))));
    }
    messages.requestMissingKeys(step);
    return step.build();
  }

  /** Handles one room message that arrived on the 1:1 session with {@code from}. */
  public Step receive(Username from, RoomMessage message) {
    Step.Builder step = new Step.Builder();
    if (!message.room().equals(roomId())) {
      counters.wrongRoom++;
      return step.build();
    }
    switch (message) {
      case MembershipUpdate update -> onMembership(from, update.changes(), step);
      case SyncRequest request -> onSyncRequest(from, request, step);
      default -> messages.receive(from, message, step);
    }
    return step.build();
  }

  public RoomId roomId() {
    return log.roomId();
  }

  public Membership membership() {
    return log.current();
  }

  public Username self() {
    return self;
  }

  /** The whole chain, e.g. for an invitation. */
  public List<MembershipChange> chain() {
    return log.changes();
  }

  /** The decrypted messages, in the room's order. */
  public List<RoomText> texts() {
    return messages.texts();
  }

  /** Per sender, the highest seq up to which this replica holds every message it may read. */
  public java.util.Map<Username, Long> vector() {
    return messages.history().vector();
  }

  public RoomCounters counters() {
    return counters;
  }

  SyncRequest syncRequest() {
    return new SyncRequest(roomId(), log.version(), messages.history().vector());
  }

  private boolean isAdmin() {
    return membership().member(self).map(m -> m.role() == MemberRole.ADMIN).orElse(false);
  }

  private boolean isSequencer() {
    return membership().sequencer().equals(self);
  }

  /** The sequencer applies its own change at once; anyone else proposes it to the sequencer. */
  private Step change(MembershipOp op) throws MembershipException {
    return isSequencer() ? sequence(op) : propose(op);
  }

  private Step sequence(MembershipOp op) throws MembershipException {
    Membership before = membership();
    MembershipChange change = MembershipChange.sign(before.head(), before.version() + 1, self, op, identity);
    log.append(change);
    journal.change(roomId(), change);
    Step.Builder step = new Step.Builder();
    broadcast(change, before, step);
    afterAdvance(before.version(), step);
    return step.build();
  }

  private Step propose(MembershipOp op) throws MembershipException {
    Membership current = membership();
    // Check it against our own view first: an invalid proposal is the user's error, said at once.
    current.apply(MembershipChange.sign(current.head(), current.version() + 1, self, op, identity));
    proposals.add(op);
    Step.Builder step = new Step.Builder();
    if (proposal == null) {
      sendNextProposal(step);
    }
    return step.build();
  }

  /** Signs the oldest pending proposal on the current head and sends it; drops those that no longer apply. */
  private void sendNextProposal(Step.Builder step) {
    proposal = null;
    while (!proposals.isEmpty()) {
      Membership current = membership();
      MembershipChange change =
          MembershipChange.sign(current.head(), current.version() + 1, self, proposals.peek(), identity);
      try {
        current.apply(change);
        proposal = change;
        sendToSequencer(new MembershipUpdate(roomId(), List.of(change)), step);
        return;
      } catch (MembershipException e) {
        proposals.poll(); // overtaken (e.g. the member we meant to remove has left)
      }
    }
  }

  /**
   * Sends a newly applied change to everyone concerned: the members after it, anyone it removed
   * (so they learn), and an invitee gets the whole chain, which it verifies from the genesis.
   */
  private void broadcast(MembershipChange change, Membership before, Step.Builder step) {
    java.util.Set<Username> to = new java.util.TreeSet<>((a, b) -> a.value().compareTo(b.value()));
    to.addAll(before.members().keySet());
    to.addAll(membership().members().keySet());
    to.remove(self);
    for (Username user : to) {
      List<MembershipChange> changes = before.member(user).isEmpty() ? log.changes() : List.of(change);
      step.out.add(new Outbound(user, new MembershipUpdate(roomId(), changes)));
    }
  }

  private void sendToSequencer(RoomMessage message, Step.Builder step) {
    Username sequencer = membership().sequencer();
    if (!sequencer.equals(self)) {
      step.out.add(new Outbound(sequencer, message));
    }
  }

  private void onMembership(Username from, List<MembershipChange> changes, Step.Builder step) {
    long before = log.version();
    List<MembershipChange> sorted = changes.stream()
        .sorted(java.util.Comparator.comparingLong(MembershipChange::version)).toList();
    for (MembershipChange change : sorted) {
      if (change.version() <= log.version() && change.equals(log.change(change.version()))) {
        continue;
      }
      Membership previous = membership();
      try {
        log.append(change);
        journal.change(roomId(), change);
        if (previous.sequencer().equals(self) && !change.actor().equals(self)) {
          broadcast(change, previous, step); // we sequenced someone's proposal
        }
      } catch (MembershipException e) {
        refused(from, change, e, step);
        break;
      }
    }
    if (log.version() > before) {
      afterAdvance(before, step);
    }
  }

  private void refused(Username from, MembershipChange change, MembershipException e, Step.Builder step) {
    counters.refusedChanges++;
    step.events.add(new RoomEvent.ChangeRefused(e.rejection()));
    switch (e.rejection()) {
      case dev.p2pchat.protocol.room.MembershipRejection.VersionGap gap ->
          step.out.add(new Outbound(from, syncRequest()));
      case dev.p2pchat.protocol.room.MembershipRejection.WrongPrevious fork when isSequencer() ->
          step.out.add(new Outbound(from, new MembershipUpdate(roomId(), log.after(change.version() - 1))));
      case dev.p2pchat.protocol.room.MembershipRejection.StaleVersion stale when isSequencer() ->
          step.out.add(new Outbound(from, new MembershipUpdate(roomId(), log.after(change.version() - 1))));
      default -> { }
    }
  }

  private void onSyncRequest(Username from, SyncRequest request, Step.Builder step) {
    long theirs = request.membershipVersion();
    boolean knownToThem = membership().member(from).isPresent()
        || (theirs >= 1 && theirs <= log.version() && log.at(theirs).member(from).isPresent());
    if (theirs < log.version() && knownToThem) {
      step.out.add(new Outbound(from, new MembershipUpdate(roomId(), log.after(theirs))));
    }
    if (theirs > log.version() && membership().member(from).isPresent()) {
      step.out.add(new Outbound(from, syncRequest()));
    }
    messages.answerSync(from, request, step);
  }

  /** After the chain moved from {@code previousVersion}: rotate our key, settle the proposal, retry waiting envelopes. */
  private void afterAdvance(long previousVersion, Step.Builder step) {
    step.events.add(new RoomEvent.MembershipChanged(membership()));
    settleProposal(step);
    messages.rotate(previousVersion, step);
    messages.retryFuture(step);
  }

  private void settleProposal(Step.Builder step) {
    if (proposal == null || log.version() < proposal.version()) {
      return;
    }
    if (proposal.equals(log.change(proposal.version()))) {
      proposals.poll();
    }
    // Applied: on to the next. Or someone else's change took that version: re-sign ours on the new head.
    sendNextProposal(step);
  }

}
