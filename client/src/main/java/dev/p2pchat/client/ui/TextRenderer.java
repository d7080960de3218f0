package dev.p2pchat.client.ui;

import dev.p2pchat.client.ChatStatus;
import dev.p2pchat.client.event.ChatEvent;
import dev.p2pchat.client.identity.Fingerprint;
import dev.p2pchat.client.store.Contact;
import dev.p2pchat.client.store.Direction;
import dev.p2pchat.client.store.MessageState;
import dev.p2pchat.client.store.StoredMessage;
import dev.p2pchat.protocol.identity.Username;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/** Pure: turns events, status and history into the lines the terminal UI prints. */
public final class TextRenderer {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

  private final ZoneId zone;

  public TextRenderer(ZoneId zone) {
    this.zone = zone;
  }

  /** The line for an event, or empty for events the terminal shows only in the status line. */
  public Optional<String> event(ChatEvent event) {
    String text = switch (event) {
      case ChatEvent.Ready e -> "* logged in as " + e.user() + e.publicAddress().map(a -> " (public " + a + ")").orElse("");
      case ChatEvent.Incoming e -> "* " + e.peer() + " wants to chat: /accept or /decline";
      case ChatEvent.Connected e -> "* connected to " + e.peer() + " (" + e.path().word() + " " + e.remote() + ", "
          + e.setup().toMillis() + " ms, " + (e.verified() ? "verified" : "not verified: compare /fingerprint") + ")";
      case ChatEvent.MessageReceived e -> "<" + e.from() + "> " + printable(e.text());
      case ChatEvent.Sent e -> null; // the typed line is already on screen
      // Only an acknowledgement marks a message delivered; until then it counts as queued.
      case ChatEvent.Delivered e -> "  \u2713 delivered to " + e.to() + (e.text().isEmpty() ? "" : ": " + abbreviated(e.text()));
      case ChatEvent.Disconnected e -> "* disconnected from " + e.peer() + ": " + e.reason()
          + " (messages wait in the outbox)";
      case ChatEvent.Reconnecting e -> "* server connection lost (" + e.reason() + "), retrying in "
          + seconds(e.retryIn());
      case ChatEvent.PeerReconnecting e -> "* reconnecting to " + e.peer() + " in "
          + seconds(e.retryIn()) + " (or as soon as they are back online)";
      case ChatEvent.Registered e -> "* logged in to the server again as " + e.user();
      case ChatEvent.PathChanged e -> "* path to " + e.peer() + " is now " + e.path().word() + " " + e.remote();
      case ChatEvent.Waiting e -> "* waiting for " + e.peer() + " to join (" + e.reason() + ")";
      case ChatEvent.Presence e -> "* " + e.peer() + " is " + (e.online() ? "online" : "offline");
      case ChatEvent.KeyChanged e -> keyChanged(e);
      case ChatEvent.Trusted e -> "* accepted the new keys of " + e.peer() + " (not verified)";
      case ChatEvent.Verified e -> "* " + e.peer() + " is now verified";
      case ChatEvent.Error e -> "! " + e.message();
      case ChatEvent.RoomCreated e -> "* created room " + e.name() + " (" + e.room() + "): /invite USER";
      case ChatEvent.RoomInvited e -> "* " + e.inviter() + " invites you to room " + printable(e.name()) + ": /join " + e.room();
      case ChatEvent.RoomJoined e -> "* joined room " + printable(e.name());
      case ChatEvent.RoomMemberAdded e -> "* " + e.member() + " is in room " + shortId(e.room());
      case ChatEvent.RoomMemberRemoved e -> "* " + e.member() + " left room " + shortId(e.room());
      case ChatEvent.RoomMessage e -> "[" + shortId(e.room()) + "] <" + e.from() + "> " + printable(e.text());
      case ChatEvent.RoomMembers e -> "* " + printable(e.name()) + ": " + String.join(", ",
          e.members().stream().map(m -> e.admins().contains(m) ? m + " (admin)" : m.value()).toList());
      case ChatEvent.RoomList e -> roomList(e);
      case ChatEvent.RoomSwitched e -> e.room().map(r -> "* lines now go to room " + printable(e.name()))
          .orElse("* lines now go to " + e.name());
    };
    return Optional.ofNullable(text);
  }

  private static String keyChanged(ChatEvent.KeyChanged e) {
    return "!!! WARNING: the keys of " + e.peer() + " CHANGED. Someone may be impersonating them.\n"
        + "!!! pinned:  " + e.pinnedFingerprint() + "\n"
        + "!!! offered: " + e.offeredFingerprint() + "\n"
        + "!!! Sending to " + e.peer() + " is blocked. Check with them by another channel, then /trust to accept.";
  }

  /** The status line: {@code alice → bob | direct 1.2.3.4:5 | rtt 23 ms | TOFU | 2 queued}. */
  public String status(ChatStatus status) {
    if (status.room().isPresent()) {
      return roomStatus(status, status.room().get());
    }
    StringJoiner line = new StringJoiner(" | ");
    line.add(status.user() + status.peer().map(p -> " → " + p).orElse("") + (status.serverOnline() ? "" : " (server offline)"));
    if (status.peer().isPresent()) {
      line.add(switch (status.state()) {
        case CONNECTED -> status.path().map(p -> p.word()).orElse("connected") + status.remote().map(r -> " " + r).orElse("");
        case CONNECTING -> "connecting…";
        case DISCONNECTED -> "disconnected";
        case RECONNECTING -> "reconnecting…";
        case OFFLINE -> "offline (messages wait)";
        case NONE -> "idle";
      });
      status.rtt().ifPresent(rtt -> line.add("rtt " + rtt.toMillis() + " ms"));
      line.add(switch (status.trust()) {
        case VERIFIED -> "verified";
        case TOFU -> "TOFU (unverified)";
        case KEY_CHANGED -> "KEY CHANGED: /trust";
        case UNKNOWN -> "keys unknown";
      });
      if (status.queued() > 0) {
        line.add(status.queued() + " queued");
      }
    }
    return line.toString();
  }

  /**
   * The status line in a room: {@code alice in #friends | 4 members, 2 of 3 others linked}; plain lines
   * go to the room, so its reach is what matters (messages to members without a link wait for one).
   */
  private static String roomStatus(ChatStatus status, ChatStatus.RoomView room) {
    int others = room.members() - 1;
    return status.user() + " in #" + printable(room.name()) + (status.serverOnline() ? "" : " (server offline)")
        + " | " + room.members() + (room.members() == 1 ? " member" : " members")
        + (others == 0 ? "" : ", " + room.linked() + " of " + others + (others == 1 ? " other" : " others") + " linked");
  }

  /** The answer to {@code /status}: the status line's facts, one per line. */
  public String statusDetail(ChatStatus status) {
    StringJoiner lines = new StringJoiner("\n");
    lines.add("user:   " + status.user() + " (server " + (status.serverOnline() ? "online" : "unreachable, retrying") + ")");
    status.room().ifPresent(room -> lines.add("room:   #" + printable(room.name()) + ", " + room.members()
        + " member(s), " + room.linked() + " of the others linked (lines you type go to the room; /switch USER for a 1:1 chat)"));
    if (status.peer().isEmpty()) {
      lines.add("peer:   none (/chat NAME)");
      return lines.toString();
    }
    lines.add("peer:   " + status.peer().get() + ", " + status.state().name().toLowerCase(java.util.Locale.ROOT));
    lines.add("path:   " + status.path().map(p -> p.word()).orElse("none")
        + status.remote().map(r -> " to " + r).orElse(""));
    lines.add("rtt:    " + status.rtt().map(rtt -> rtt.toMillis() + " ms").orElse("unknown"));
    lines.add("trust:  " + switch (status.trust()) {
      case VERIFIED -> "verified (fingerprints compared)";
      case TOFU -> "trusted on first use (compare /fingerprint, then /verify)";
      case KEY_CHANGED -> "KEY CHANGED: sending blocked until /trust";
      case UNKNOWN -> "keys not looked up yet";
    });
    lines.add("queued: " + status.queued() + " message(s) waiting for an acknowledgement");
    return lines.toString();
  }

  private static String seconds(java.time.Duration delay) {
    long millis = delay.toMillis();
    return millis < 1000 ? millis + " ms" : Math.round(millis / 1000.0) + " s";
  }

  private static String abbreviated(String text) {
    String line = printable(text).replace("\n    ", " ");
    return line.length() <= 40 ? line : line.substring(0, 39) + "…";
  }

  public String history(List<StoredMessage> messages) {
    if (messages.isEmpty()) {
      return "* no messages yet";
    }
    StringJoiner lines = new StringJoiner("\n");
    for (StoredMessage m : messages) {
      String time = TIME.format(m.created().atZone(zone));
      String mark = m.direction() == Direction.OUT && m.state() != MessageState.DELIVERED ? " (not delivered yet)" : "";
      lines.add(time + " <" + m.author() + "> " + printable(m.text()) + mark);
    }
    return lines.toString();
  }

  public String fingerprints(Username user, Fingerprint own, Optional<Contact> peer) {
    StringBuilder text = new StringBuilder("Your fingerprint (" + user + "):\n");
    own.digitLines().lines().forEach(line -> text.append("  ").append(line).append('\n'));
    peer.ifPresent(contact -> {
      Fingerprint theirs = Fingerprint.of(contact.keys());
      text.append(contact.user()).append("'s fingerprint (")
          .append(contact.verified() ? "verified" : "not verified").append("):\n");
      theirs.digitLines().lines().forEach(line -> text.append("  ").append(line).append('\n'));
      text.append("Compare both with ").append(contact.user())
          .append(" by another channel; if they match, type /verify.\n");
    });
    return text.toString().stripTrailing();
  }

  /**
   * Replaces control characters so that a peer cannot move the cursor, clear the screen or fake
   * lines with escape sequences; line breaks are kept (indented) as they are meant.
   */
  static String printable(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(c -> {
      if (c == '\n') {
        out.append("\n    ");
      } else if (c == '\t') {
        out.append("    ");
      } else if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029 || Character.getType(c) == Character.FORMAT && c != 0x200D) {
        out.append('\uFFFD');
      } else {
        out.appendCodePoint(c);
      }
    });
    return out.toString();
  }

  /** Room ids are 32 hex digits; the first 8 tell rooms apart on screen. */
  private static String shortId(String room) {
    return room.substring(0, Math.min(8, room.length()));
  }

  private String roomList(ChatEvent.RoomList list) {
    List<String> lines = new ArrayList<>();
    list.rooms().forEach(r -> lines.add("  " + r.room() + "  " + printable(r.name())));
    list.invitations().forEach(r -> lines.add("  " + r.room() + "  " + printable(r.name()) + " (invited: /join " + r.room() + ")"));
    return lines.isEmpty() ? "* no rooms: /room create NAME" : "* rooms:\n" + String.join("\n", lines);
  }
}
