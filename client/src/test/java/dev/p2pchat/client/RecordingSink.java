package dev.p2pchat.client;

import org.awaitility.Awaitility;

import dev.p2pchat.client.event.ChatEvent;
import dev.p2pchat.client.event.EventSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Collects a client's events for assertions. */
final class RecordingSink implements EventSink {
  final List<ChatEvent> events = new CopyOnWriteArrayList<>();
  final List<ChatStatus> statuses = new CopyOnWriteArrayList<>();

  @Override
  public void emit(ChatEvent event) {
    events.add(event);
  }

  @Override
  public void status(ChatStatus snapshot) {
    statuses.add(snapshot);
  }

  /** Position of the first event of {@code type} matching {@code match} at or after {@code from}; -1 if none. */
  <T extends ChatEvent> int indexOf(Class<T> type, int from, Predicate<T> match) {
    for (int i = from; i < events.size(); i++) {
      if (type.isInstance(events.get(i)) && match.test(type.cast(events.get(i)))) {
        return i;
      }
    }
    return -1;
  }

  <T extends ChatEvent> List<T> all(Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  <T extends ChatEvent> T await(Class<T> type, Predicate<T> match) {
    Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> all(type).stream().anyMatch(match));
    return all(type).stream().filter(match).findFirst().orElseThrow();
  }

  <T extends ChatEvent> T await(Class<T> type) {
    return await(type, e -> true);
  }
}
