package dev.p2pchat.client;

import dev.p2pchat.client.identity.Fingerprint;
import dev.p2pchat.client.store.Contact;
import dev.p2pchat.client.store.StoredMessage;
import dev.p2pchat.protocol.identity.Username;
import java.util.List;
import java.util.Optional;

/**
 * What a front end (terminal UI, JSON mode) asks of the chat client. Results and failures of the
 * asynchronous actions arrive as {@link dev.p2pchat.client.event.ChatEvent}s.
 */
public interface ChatActions {

  /** Queues {@code text} for the current peer (outbox first, then sent when a session is up). */
  void send(String text);

  /** Makes {@code peer} the current peer and connects to them. */
  void chatWith(Username peer);

  /** Carries out a room command; results and refusals arrive as events with a {@code room} field. */
  void room(RoomCommand command);

  /** Accepts a pending incoming request (from {@code peer}, or the most recent one). */
  void accept(Optional<Username> peer);

  /** Declines a pending incoming request. */
  void decline(Optional<Username> peer);

  ChatStatus status();

  /** The last {@code count} messages with the current peer, oldest first. */
  List<StoredMessage> history(int count);

  Fingerprint ownFingerprint();

  /** The current peer's contact entry (pinned keys, verified flag), if any. */
  Optional<Contact> peerContact();

  /** Accepts the current peer's changed keys. */
  void trustPeer();

  /** Marks the current peer verified. */
  void verifyPeer();
}
