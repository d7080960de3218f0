package dev.p2pchat.client.store;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One message of the history. {@code conversation} names the peer of a 1:1 chat (or a room);
 * {@code author} is who wrote it (this user for outgoing messages).
 */
public record StoredMessage(
    UUID id,
    String conversation,
    String author,
    Direction direction,
    String text,
    Instant created,
    Instant updated,
    MessageState state) {
  public StoredMessage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(updated, "updated");
    Objects.requireNonNull(state, "state");
  }

  StoredMessage withState(MessageState newState, Instant now) {
    return new StoredMessage(id, conversation, author, direction, text, created, now, newState);
  }
}
