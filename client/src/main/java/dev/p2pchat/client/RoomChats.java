package dev.p2pchat.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p2pchat.client.chat.ChatMessageCodec;
import dev.p2pchat.client.event.ChatEvent;
import dev.p2pchat.client.room.Invitation;
import dev.p2pchat.client.room.RoomEvent;
import dev.p2pchat.client.room.RoomListener;
import dev.p2pchat.client.room.RoomStore;
import dev.p2pchat.client.room.RoomText;
import dev.p2pchat.client.room.RoomTransport;
import dev.p2pchat.client.room.Rooms;
import dev.p2pchat.client.trust.TrustDecision;
import dev.p2pchat.protocol.identity.SigningPublicKey;
import dev.p2pchat.protocol.identity.Username;
import dev.p2pchat.protocol.room.Member;
import dev.p2pchat.protocol.room.MemberRole;
import dev.p2pchat.protocol.room.Membership;
import dev.p2pchat.protocol.room.MembershipException;
import dev.p2pchat.protocol.room.RoomId;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.HashSet;
import java.util.Comparator;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group rooms inside a {@link ChatClient}: {@link Rooms} over the 1:1 machinery. A room payload for a
 * member goes on that member's link, set up on demand like a 1:1 chat; payloads wait (bounded) only
 * while a link comes up, since anti-entropy sync recovers whatever is lost. Presence of every member
 * is watched, and every {@link #TICK} the rooms sync with the members online. Loop thread only,
 * except {@link #arrived}.
 */
final class RoomChats implements RoomTransport, RoomListener {
  private static final Logger log = LoggerFactory.getLogger(RoomChats.class);
  /** Anti-entropy period: how long a lost room message takes at worst to be recovered from a peer. */
  static final Duration TICK = Duration.ofSeconds(2);
  /** Payloads kept per member while its link comes up; older ones are dropped (sync recovers them). */
  static final int MAX_PENDING = 256;

  private final ChatClient client;
  private final Username self;
  private final Map<Username, Deque<byte[]>> pending = new HashMap<>();
  private final Map<Username, Boolean> presence = new HashMap<>();
  private final Map<RoomId, Set<Username>> readers = new HashMap<>();
  private final Set<Username> watched = new HashSet<>();
  private final Rooms rooms;
  private final ChatMessageCodec messages = new ChatMessageCodec(new ObjectMapper());
  private volatile RoomId current;

  RoomChats(ChatClient client, RoomStore store, RandomGenerator random) {
    this.client = client;
    this.self = client.identity().user();
    this.rooms = Rooms.open(self, client.identity().signingKeyPair(), store, this, this, random);
    for (var summary : rooms.list()) {
      rooms.membership(summary.id()).ifPresent(m -> readers.put(summary.id(), new LinkedHashSet<>(m.readers())));
    }
  }

  Optional<RoomId> current() {
    return Optional.ofNullable(current);
  }

  /** The current room for the status line: its name, its size, and how many of the others have a working link. */
  Optional<ChatStatus.RoomView> view() {
    RoomId room = current;
    if (room == null) {
      return Optional.empty();
    }
    return rooms.membership(room).map(m -> {
      Set<Username> others = new LinkedHashSet<>(m.members().keySet());
      others.remove(self);
      int linked = (int) others.stream().filter(client::linkedTo).count();
      return new ChatStatus.RoomView(m.name(), m.members().size(), linked);
    });
  }

  void leaveCurrent() {
    current = null;
  }

  List<RoomText> history(RoomId room) {
    return rooms.history(room);
  }

  /** After login: watch every member of every room (the watch list survives reconnects). */
  void start() {
    Set<Username> everyone = new LinkedHashSet<>();
    for (var summary : rooms.list()) {
      rooms.membership(summary.id()).ifPresent(m -> everyone.addAll(m.members().keySet()));
    }
    watch(everyone);
  }

  void tick() {
    Set<Username> online = new LinkedHashSet<>();
    presence.forEach((user, up) -> {
      if (up) {
        online.add(user);
      }
    });
    rooms.tick(online);
  }

  /** A member's presence changed: a member coming online gets what waits for it. */
  void presence(Username user, boolean online) {
    presence.put(user, online);
    if (online && pending.containsKey(user)) {
      client.connector().connect(client.peer(user));
    }
  }

  /** Link thread: a room payload from {@code from}'s authenticated session; handled in arrival order. */
  void arrived(Username from, byte[] payload) {
    client.post(() -> rooms.onPayload(from, payload));
  }

  /** {@code chat}'s link is up: send what waited for it. */
  void linkUp(PeerChat chat) {
    Deque<byte[]> waiting = pending.remove(chat.peer);
    if (waiting != null) {
      waiting.forEach(payload -> chat.link.send(UUID.randomUUID(), payload));
    }
  }

  /** Offers from room members are accepted without asking: the membership chain vouches for them. */
  boolean member(Username user) {
    for (var summary : rooms.list()) {
      if (rooms.membership(summary.id()).flatMap(m -> m.member(user)).isPresent()) {
        return true;
      }
    }
    return false;
  }

  // ---- RoomTransport

  @Override
  public void send(Username to, byte[] payload) {
    PeerChat chat = client.peer(to);
    if (chat.state == PeerChat.State.CONNECTED && chat.link != null) {
      chat.link.send(UUID.randomUUID(), payload);
      return;
    }
    Deque<byte[]> waiting = pending.computeIfAbsent(to, user -> new ArrayDeque<>());
    if (waiting.size() >= MAX_PENDING) {
      waiting.removeFirst();
    }
    waiting.addLast(payload);
    if (presence.getOrDefault(to, true)) {
      client.connector().connect(chat); // no-op while an attempt runs; offline members wait for presence
    }
  }

  // ---- RoomListener

  @Override
  public void onEvent(RoomId room, RoomEvent event) {
    switch (event) {
      case RoomEvent.Shown shown -> shown(room, shown);
      case RoomEvent.MembershipChanged changed -> membershipChanged(room, changed.membership());
      case RoomEvent.ChangeRefused refused -> log.debug("refused membership change in {}: {}", room, refused.rejection());
    }
  }

  /** The plaintext is the 1:1 text format ({@link ChatMessageCodec}); anything else is dropped from view. */
  private void shown(RoomId room, RoomEvent.Shown shown) {
    try {
      String text = messages.decode(shown.text().plaintext());
      emit(new ChatEvent.RoomMessage(room.toHex(), shown.text().sender(), text, shown.index()));
    } catch (IllegalArgumentException e) {
      log.debug("undecodable room message in {} from {}: {}", room, shown.text().sender(), e.getMessage());
    }
  }

  @Override
  public void onInvitation(Invitation invitation) {
    emit(new ChatEvent.RoomInvited(invitation.room().toHex(), invitation.name(), invitation.inviter()));
  }

  private void membershipChanged(RoomId room, Membership membership) {
    Set<Username> before = readers.getOrDefault(room, Set.of());
    Set<Username> after = new LinkedHashSet<>(membership.readers());
    after.stream().filter(user -> !before.contains(user))
        .forEach(user -> emit(new ChatEvent.RoomMemberAdded(room.toHex(), user)));
    before.stream().filter(user -> !after.contains(user))
        .forEach(user -> emit(new ChatEvent.RoomMemberRemoved(room.toHex(), user)));
    readers.put(room, after);
    if (before.contains(self) && !after.contains(self) && room.equals(current)) {
      current = null;
    }
    watch(membership.members().keySet());
  }

  /** Watches the presence of {@code users} not watched yet (each watch makes the server report presence). */
  private void watch(Set<Username> users) {
    List<Username> fresh = users.stream().filter(user -> !user.equals(self) && watched.add(user)).toList();
    if (!fresh.isEmpty()) {
      client.signalling().watch(fresh);
    }
  }

  // ---- commands (loop thread)

  void say(String text) {
    RoomId room = current;
    attempt(() -> rooms.send(room, messages.encode(text)));
  }

  void handle(RoomCommand command) {
    switch (command) {
      case RoomCommand.Create create -> attempt(() -> {
        RoomId room = rooms.create(create.name(), false);
        readers.put(room, new LinkedHashSet<>(Set.of(self)));
        current = room;
        emit(new ChatEvent.RoomCreated(room.toHex(), create.name()));
        emit(new ChatEvent.RoomMemberAdded(room.toHex(), self));
      });
      case RoomCommand.Invite invite -> inCurrent(room -> invite(room, invite.user()));
      case RoomCommand.Remove remove -> inCurrent(room -> attempt(() -> rooms.remove(room, remove.user())));
      case RoomCommand.Join join -> join(join.room());
      case RoomCommand.Leave leave -> inCurrent(room -> attempt(() -> {
        rooms.leave(room);
        current = null;
      }));
      case RoomCommand.Members members -> inCurrent(this::members);
      case RoomCommand.Switch to -> switchTo(to.target());
      case RoomCommand.ListRooms list -> emit(new ChatEvent.RoomList(
          rooms.list().stream().map(r -> new ChatEvent.RoomEntry(r.id().toHex(), r.name())).toList(),
          rooms.invitations().stream().map(i -> new ChatEvent.RoomEntry(i.room().toHex(), i.name())).toList()));
    }
  }

  /** Invites with the key pinned for {@code user}, looking it up (and pinning it on first use) if needed. */
  private void invite(RoomId room, Username user) {
    var contact = client.store().contact(user);
    boolean blocked = client.existing(user).filter(chat -> chat.state == PeerChat.State.BLOCKED).isPresent();
    if (blocked) {
      emit(new ChatEvent.Error("not invited: the keys of " + user + " changed; /chat " + user + " and /trust first"));
    } else if (contact.isPresent()) {
      invite(room, user, contact.get().keys().signing());
    } else {
      client.signalling().lookup(user).whenComplete((info, error) -> client.post(() -> {
        if (error != null) {
          emit(new ChatEvent.Error("not invited: looking up " + user + " failed: " + ChatClient.unwrap(error).getMessage()));
          return;
        }
        TrustDecision decision = client.pinning().check(user, info.keys());
        if (decision instanceof TrustDecision.KeyChanged) {
          emit(new ChatEvent.Error("not invited: the keys of " + user + " changed; /chat " + user + " and /trust first"));
        } else {
          invite(room, user, decision.contact().keys().signing());
        }
      }));
    }
  }

  private void invite(RoomId room, Username user, SigningPublicKey key) {
    attempt(() -> rooms.invite(room, user, key));
  }

  private void join(String reference) {
    List<Invitation> matching = rooms.invitations().stream()
        .filter(i -> i.room().toHex().equals(reference) || i.name().equals(reference)).toList();
    if (matching.size() != 1) {
      emit(new ChatEvent.Error(matching.isEmpty() ? "no invitation to " + reference + " (see /rooms)"
          : "several invitations to rooms named " + reference + ": use the room id (see /rooms)"));
      return;
    }
    Invitation invitation = matching.getFirst();
    attempt(() -> {
      rooms.join(invitation.room());
      current = invitation.room();
      emit(new ChatEvent.RoomJoined(invitation.room().toHex(), invitation.name()));
    });
  }

  private void members(RoomId room) {
    rooms.membership(room).ifPresent(m -> emit(new ChatEvent.RoomMembers(room.toHex(), m.name(),
        List.copyOf(m.readers()),
        m.members().values().stream().filter(member -> member.role() == MemberRole.ADMIN).map(Member::user).sorted(Comparator.comparing(Username::value)).toList())));
  }

  private void switchTo(String target) {
    List<RoomId> matching = rooms.list().stream()
        .filter(r -> r.id().toHex().equals(target) || r.name().equals(target)).map(r -> r.id()).toList();
    if (matching.size() == 1) {
      current = matching.getFirst();
      String name = rooms.membership(current).map(Membership::name).orElse(target);
      emit(new ChatEvent.RoomSwitched(Optional.of(current.toHex()), name));
    } else if (matching.size() > 1) {
      emit(new ChatEvent.Error("several rooms are named " + target + ": use the room id (see /rooms)"));
    } else if (Username.isValid(target)) {
      current = null;
      emit(new ChatEvent.RoomSwitched(Optional.empty(), target));
      client.chatWith(Username.of(target));
    } else {
      emit(new ChatEvent.Error("no room or user named " + target + " (see /rooms)"));
    }
  }

  private void inCurrent(Consumer<RoomId> action) {
    RoomId room = current;
    if (room == null) {
      emit(new ChatEvent.Error("no current room: /room create NAME, /join ROOM or /switch ROOM first"));
    } else {
      action.accept(room);
    }
  }

  /** Runs a room operation; refusals (not an admin, not a member, too long) become error events. */
  private void attempt(RoomAction action) {
    try {
      action.run();
    } catch (MembershipException e) {
      emit(new ChatEvent.Error("refused: " + e.getMessage()));
    } catch (NoSuchElementException | IllegalArgumentException | IllegalStateException e) {
      emit(new ChatEvent.Error(e.getMessage()));
    }
  }

  private void emit(ChatEvent event) {
    client.events().emit(event);
  }

  @FunctionalInterface
  private interface RoomAction {
    void run() throws MembershipException;
  }
}
