package dev.p2pchat.client.store;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * History, outbox and the exactly-once record of incoming messages. Each method is one transaction,
 * so a crash leaves every message in exactly one state.
 */
public interface MessageStore {

  /**
   * Puts an outgoing message into the outbox (state QUEUED). Called before the message is first handed
   * to a session, so that a crash right after sending cannot lose it.
   *
   * @throws StoreException.DuplicateMessage if {@code id} was already queued
   */
  StoredMessage enqueue(UUID id, String conversation, String author, String text, Instant now);

  /** QUEUED → SENT; false if the message is unknown or already past QUEUED. */
  boolean markSent(UUID id, Instant now);

  /** QUEUED/SENT → DELIVERED (the peer acknowledged it); false if unknown or already delivered. */
  boolean markDelivered(UUID id, Instant now);

  /** Outgoing messages of {@code conversation} not yet acknowledged, oldest first. */
  List<StoredMessage> outbox(String conversation);

  /** Every conversation that has messages waiting in the outbox. */
  List<String> conversationsWithOutbox();

  /**
   * Records an incoming message unless {@code (conversation, id)} was received before. The id is
   * remembered in {@code delivered_ids} in the same transaction, so a message retransmitted after a
   * crash or reconnect is shown exactly once.
   *
   * @return true if the message is new and was stored; false for a duplicate
   */
  boolean receive(UUID id, String conversation, String author, String text, Instant now);

  /** The newest {@code limit} messages of a conversation, oldest first. */
  List<StoredMessage> history(String conversation, int limit);

  /**
   * Bounds the exactly-once record: forgets incoming ids received before {@code olderThan}, and all but
   * the newest {@code keep}. Returns how many were removed. A sender gives up long before the cutoff,
   * so a forgotten id cannot come back.
   */
  int pruneDeliveredIds(Instant olderThan, int keep);
}
