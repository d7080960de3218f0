package dev.p2pchat.client.room;

import java.util.ArrayList;
import java.util.List;

/** What one call on a replica produced: messages to send and events to show. */
public record Step(List<Outbound> out, List<RoomEvent> events) {
  public Step {
    out = List.copyOf(out);
    events = List.copyOf(events);
  }

  /** Collects a step while a replica works. */
  static final class Builder {
    final List<Outbound> out = new ArrayList<>();
    final List<RoomEvent> events = new ArrayList<>();

    Step build() {
      return new Step(out, events);
    }
  }
}
