package dev.p2pchat.client.store;

import dev.p2pchat.protocol.identity.Username;
import dev.p2pchat.client.identity.PublicKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/** A {@link ChatStore} in memory, for tests: same contract as {@link SqliteChatStore}, no disk. */
public final class InMemoryChatStore implements ChatStore {
  private final Map<Username, Contact> contacts = new TreeMap<>(Comparator.comparing(Username::value));
  private final Map<UUID, StoredMessage> outgoing = new LinkedHashMap<>();
  private final List<StoredMessage> history = new ArrayList<>();
  private final Map<String, Instant> deliveredIds = new LinkedHashMap<>();

  @Override
  public synchronized Optional<Contact> contact(Username user) {
    return Optional.ofNullable(contacts.get(user));
  }

  @Override
  public synchronized List<Contact> contacts() {
    return List.copyOf(contacts.values());
  }

  @Override
  public synchronized Contact pin(Username user, PublicKeys keys, Instant now) {
    if (contacts.containsKey(user)) {
      throw new StoreException.AlreadyPinned(user);
    }
    Contact contact = new Contact(user, keys, false, now, now);
    contacts.put(user, contact);
    return contact;
  }

  @Override
  public synchronized Contact replaceKeys(Username user, PublicKeys keys, Instant now) {
    Contact old = existing(user);
    Contact contact = new Contact(user, keys, false, old.firstSeen(), now);
    contacts.put(user, contact);
    return contact;
  }

  @Override
  public synchronized Contact setVerified(Username user, boolean verified) {
    Contact old = existing(user);
    Contact contact = new Contact(user, old.keys(), verified, old.firstSeen(), old.lastSeen());
    contacts.put(user, contact);
    return contact;
  }

  @Override
  public synchronized void seen(Username user, Instant now) {
    Contact old = contacts.get(user);
    if (old != null) {
      contacts.put(user, new Contact(user, old.keys(), old.verified(), old.firstSeen(), now));
    }
  }

  private Contact existing(Username user) {
    Contact contact = contacts.get(user);
    if (contact == null) {
      throw new StoreException.UnknownContact(user);
    }
    return contact;
  }

  @Override
  public synchronized StoredMessage enqueue(
      UUID id, String conversation, String author, String text, Instant now) {
    if (outgoing.containsKey(id)) {
      throw new StoreException.DuplicateMessage(id);
    }
    StoredMessage message =
        new StoredMessage(id, conversation, author, Direction.OUT, text, now, now, MessageState.QUEUED);
    outgoing.put(id, message);
    history.add(message);
    return message;
  }

  @Override
  public synchronized boolean markSent(UUID id, Instant now) {
    return transition(id, MessageState.SENT, now, MessageState.QUEUED);
  }

  @Override
  public synchronized boolean markDelivered(UUID id, Instant now) {
    return transition(id, MessageState.DELIVERED, now, MessageState.QUEUED, MessageState.SENT);
  }

  private boolean transition(UUID id, MessageState to, Instant now, MessageState... from) {
    StoredMessage old = outgoing.get(id);
    if (old == null || !List.of(from).contains(old.state())) {
      return false;
    }
    StoredMessage updated = old.withState(to, now);
    outgoing.put(id, updated);
    history.replaceAll(m -> m.direction() == Direction.OUT && m.id().equals(id) ? updated : m);
    return true;
  }

  @Override
  public synchronized List<StoredMessage> outbox(String conversation) {
    return outgoing.values().stream()
        .filter(m -> m.conversation().equals(conversation) && m.state().inOutbox())
        .toList();
  }

  @Override
  public synchronized List<String> conversationsWithOutbox() {
    return outgoing.values().stream()
        .filter(m -> m.state().inOutbox())
        .map(StoredMessage::conversation)
        .distinct()
        .sorted()
        .toList();
  }

  @Override
  public synchronized boolean receive(
      UUID id, String conversation, String author, String text, Instant now) {
    if (deliveredIds.putIfAbsent(conversation + "\n" + id, now) != null) {
      return false;
    }
    boolean inHistory = history.stream().anyMatch(
        m -> m.direction() == Direction.IN && m.conversation().equals(conversation) && m.id().equals(id));
    if (inHistory) {
      return false; // its delivered_ids entry was pruned, but the history still knows it
    }
    history.add(
        new StoredMessage(id, conversation, author, Direction.IN, text, now, now, MessageState.RECEIVED));
    return true;
  }

  @Override
  public synchronized List<StoredMessage> history(String conversation, int limit) {
    List<StoredMessage> all =
        history.stream().filter(m -> m.conversation().equals(conversation)).toList();
    return all.subList(Math.max(0, all.size() - limit), all.size());
  }

  @Override
  public synchronized int pruneDeliveredIds(Instant olderThan, int keep) {
    List<Map.Entry<String, Instant>> newestFirst =
        deliveredIds.entrySet().stream()
            .sorted(Map.Entry.<String, Instant>comparingByValue(Comparator.reverseOrder()))
            .toList();
    int removed = 0;
    for (int i = 0; i < newestFirst.size(); i++) {
      Map.Entry<String, Instant> entry = newestFirst.get(i);
      if (i >= keep || entry.getValue().isBefore(olderThan)) {
        deliveredIds.remove(entry.getKey());
        removed++;
      }
    }
    return removed;
  }

  @Override
  public void close() {}
}
