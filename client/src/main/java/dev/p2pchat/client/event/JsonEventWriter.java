package dev.p2pchat.client.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;

/**
 * The {@code --json} output: one JSON object per line on stdout, flushed at once, so that a script
 * can read events as they happen. The field names are a stable contract (README "JSON mode"); new
 * fields may be added, existing ones do not change.
 */
public final class JsonEventWriter implements EventSink {
  private final ObjectMapper json = new ObjectMapper();
  private final PrintStream out;

  public JsonEventWriter(PrintStream out) {
    this.out = out;
  }

  @Override
  public void emit(ChatEvent event) {
    String line = line(event);
    synchronized (out) {
      out.println(line);
      out.flush();
    }
  }

  /** The JSON text of one event, without the newline. */
  public String line(ChatEvent event) {
    try {
      return json.writeValueAsString(toJson(event));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  ObjectNode toJson(ChatEvent event) {
    return switch (event) {
      case ChatEvent.Ready e -> {
        ObjectNode node = type("ready").put("user", e.user().value());
        e.publicAddress().ifPresent(address -> node.put("public", address));
        yield node;
      }
      case ChatEvent.Incoming e -> type("incoming").put("peer", e.peer().value());
      case ChatEvent.Connected e ->
          type("connected")
              .put("peer", e.peer().value())
              .put("path", e.path().word())
              .put("remote", e.remote())
              .put("setup_ms", e.setup().toMillis())
              .put("verified", e.verified());
      case ChatEvent.MessageReceived e ->
          type("message").put("from", e.from().value()).put("id", e.id().toString()).put("text", e.text());
      case ChatEvent.Sent e -> type("sent").put("to", e.to().value()).put("id", e.id().toString());
      case ChatEvent.Delivered e -> type("delivered").put("to", e.to().value()).put("id", e.id().toString());
      case ChatEvent.Disconnected e ->
          type("disconnected").put("peer", e.peer().value()).put("reason", e.reason());
      case ChatEvent.Reconnecting e ->
          type("reconnecting").put("reason", e.reason()).put("retry_ms", e.retryIn().toMillis());
      case ChatEvent.PeerReconnecting e ->
          type("reconnecting")
              .put("peer", e.peer().value())
              .put("reason", e.reason())
              .put("retry_ms", e.retryIn().toMillis());
      case ChatEvent.Registered e -> type("registered").put("user", e.user().value());
      case ChatEvent.PathChanged e ->
          type("path").put("peer", e.peer().value()).put("path", e.path().word()).put("remote", e.remote());
      case ChatEvent.Waiting e -> type("waiting").put("peer", e.peer().value()).put("reason", e.reason());
      case ChatEvent.Presence e -> type("presence").put("peer", e.peer().value()).put("online", e.online());
      case ChatEvent.KeyChanged e ->
          type("key-changed")
              .put("peer", e.peer().value())
              .put("pinned_fingerprint", e.pinnedFingerprint())
              .put("offered_fingerprint", e.offeredFingerprint());
      case ChatEvent.Trusted e -> type("trusted").put("peer", e.peer().value());
      case ChatEvent.Verified e -> type("verified").put("peer", e.peer().value());
      case ChatEvent.Error e -> type("error").put("message", e.message());
      case ChatEvent.RoomCreated e -> type("room-created").put("room", e.room()).put("name", e.name());
      case ChatEvent.RoomInvited e ->
          type("invited").put("room", e.room()).put("name", e.name()).put("from", e.inviter().value());
      case ChatEvent.RoomJoined e -> type("joined").put("room", e.room()).put("name", e.name());
      case ChatEvent.RoomMemberAdded e -> type("member-added").put("room", e.room()).put("member", e.member().value());
      case ChatEvent.RoomMemberRemoved e ->
          type("member-removed").put("room", e.room()).put("member", e.member().value());
      case ChatEvent.RoomMessage e ->
          type("message").put("room", e.room()).put("from", e.from().value()).put("text", e.text()).put("index", e.index());
      case ChatEvent.RoomMembers e -> {
        ObjectNode node = type("members").put("room", e.room()).put("name", e.name());
        e.members().forEach(member -> node.withArray("members").add(member.value()));
        e.admins().forEach(admin -> node.withArray("admins").add(admin.value()));
        yield node;
      }
      case ChatEvent.RoomList e -> {
        ObjectNode node = type("rooms");
        node.putArray("rooms");
        node.putArray("invitations");
        e.rooms().forEach(r -> node.withArray("rooms").addObject().put("room", r.room()).put("name", r.name()));
        e.invitations().forEach(r -> node.withArray("invitations").addObject().put("room", r.room()).put("name", r.name()));
        yield node;
      }
      case ChatEvent.RoomSwitched e -> e.room().map(room -> type("switched").put("room", room).put("name", e.name()))
          .orElseGet(() -> type("switched").put("peer", e.name()));
    };
  }

  private ObjectNode type(String type) {
    return json.createObjectNode().put("type", type);
  }
}
