package dev.p2pchat.lab;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One member of one room, read from its {@code --json} runs: the room's messages in the order this
 * member shows them. A {@code message} event's {@code index} is its place in the room's agreed order
 * when it was shown (a late one lands before earlier ones), so replaying every event as an insert at
 * its index gives the member's current order. A restarted run shows only what it had not stored, at
 * indexes that count the stored history, so the runs are replayed one after the other; that holds if
 * the member was killed while it showed everything it had stored (the test kills it when quiet).
 */
final class RoomMember implements AutoCloseable {
    private final String room;
    private final List<ChatPeer> runs = new ArrayList<>();

    RoomMember(String room, ChatPeer first) {
        this.room = room;
        this.runs.add(first);
    }

    String room() {
        return room;
    }

    String user() {
        return peer().user();
    }

    /** The current run. */
    ChatPeer peer() {
        return runs.getLast();
    }

    /** Kills the current run and starts the same user on the same data directory. */
    void restart() {
        peer().kill();
        ChatPeer next = peer().restart();
        runs.add(next);
        next.await("ready", Duration.ofSeconds(60));
    }

    void send(String line) {
        peer().send(line);
    }

    /** The room's messages as {@code "FROM: TEXT"}, in this member's order, over every run. */
    List<String> messages() {
        List<String> order = new ArrayList<>();
        for (ChatPeer run : runs) {
            for (JsonNode event : run.events("message")) {
                if (event.path("room").asText().equals(room)) {
                    insert(order, event);
                }
            }
        }
        return order;
    }

    private void insert(List<String> order, JsonNode event) {
        int index = event.path("index").asInt(-1);
        if (index < 0 || index > order.size()) {
            throw new AssertionError(user() + " showed a room message at index " + index + " of " + order.size()
                    + ": " + event);
        }
        order.add(index, event.path("from").asText() + ": " + event.path("text").asText());
    }

    /** True once the room's membership event about {@code member} ({@code member-added}, ...) was shown. */
    boolean saw(String type, String member) {
        return peer().events(type).stream().anyMatch(e -> e.path("room").asText().equals(room)
                && e.path("member").asText().equals(member));
    }

    /** The {@code connected} events of every run: which path reached which member. */
    List<JsonNode> connections() {
        return runs.stream().flatMap(run -> run.events("connected").stream()).toList();
    }

    String diagnostics() {
        return peer().diagnostics();
    }

    @Override
    public void close() {
        peer().close();
    }

    @Override
    public String toString() {
        return user();
    }
}
