package dev.p2pchat.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Issue 7 on real NATs: four real {@code p2pchat chat --json} clients in one room, behind three NAT
 * kinds, one pair on the same LAN: alice (the admin) and carol share a port-restricted NAT's LAN, bob
 * is behind a full cone, dave behind a symmetric NAT (which no punching connects to the port-restricted
 * pair: those links go through the server's relay). Messages from everyone, one at a time and all at
 * once, end in the same order at every member, each once; bob is killed, the others go on, and
 * restarted on its data directory he catches up to the same history; carol is removed and shows none
 * of the later messages. Captures on both sides of every NAT, running from before the clients start,
 * hold no message text and not the room's name.
 */
@NatLab
class RoomsInLabTest {
    private static final Duration START = Duration.ofSeconds(60);
    /** Invitations and joins set up the 1:1 links between all members, some relayed, on a loaded machine. */
    private static final Duration MEMBERSHIP = Duration.ofSeconds(120);
    private static final Duration DELIVER = Duration.ofSeconds(60);
    /** Three anti-entropy rounds (RoomChats syncs every 2 s): long enough for anything still due to arrive. */
    private static final Duration QUIET = Duration.ofSeconds(6);
    private static final int TIMED_ROUNDS = 3;
    private static final int BURST = 5;

    private final String canary = "canary-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(8));
    private final List<Long> reachedAllMs = new ArrayList<>();

    @Test
    void fourMembersBehindThreeNatKindsChatInOneRoom() {
        LabEnvironment.assumeTool("tcpdump");
        LabEnvironment.assumeTool("curl");
        try (Lab lab = Lab.create()) {
            NatRouter restricted = lab.addNat(NatKind.PORT_RESTRICTED);
            NatRouter cone = lab.addNat(NatKind.FULL_CONE);
            NatRouter symmetric = lab.addNat(NatKind.SYMMETRIC);
            Host aliceHost = restricted.addHost();
            Host carolHost = restricted.addHost();
            Host bobHost = cone.addHost();
            Host daveHost = symmetric.addHost();
            List<NatRouter> routers = List.of(restricted, cone, symmetric);
            WireCaptures wire = WireCaptures.start(lab, routers, aliceHost);
            LabServer server = LabServer.start(lab);
            String roomName = "room-" + canary;

            List<ChatPeer> peers = List.of(ChatPeer.start(lab, aliceHost, server, "alice", Optional.empty()),
                    ChatPeer.start(lab, bobHost, server, "bob", Optional.empty()),
                    ChatPeer.start(lab, carolHost, server, "carol", Optional.empty()),
                    ChatPeer.start(lab, daveHost, server, "dave", Optional.empty()));
            List<RoomMember> members = List.of();
            try {
                peers.forEach(peer -> peer.await("ready", START));
                members = formRoom(peers, roomName);
                chat(members);
            } finally {
                peers.forEach(ChatPeer::close);
                members.forEach(RoomMember::close); // the restarted run
            }
            wire.assertNoPlaintext(server, List.of(aliceHost, bobHost, daveHost), canary, roomName);
        }
    }

    /** alice creates the room and invites the others; each joins; every member sees all four read it. */
    private List<RoomMember> formRoom(List<ChatPeer> peers, String roomName) {
        long started = System.nanoTime();
        ChatPeer alice = peers.getFirst();
        alice.send("/room create " + roomName);
        String room = alice.await("room-created", START).path("room").asText();
        List<RoomMember> members = peers.stream().map(peer -> new RoomMember(room, peer)).toList();
        for (ChatPeer invitee : peers.subList(1, peers.size())) {
            alice.send("/invite " + invitee.user());
        }
        for (ChatPeer invitee : peers.subList(1, peers.size())) {
            invitee.await("invited", e -> e.path("room").asText().equals(room), MEMBERSHIP);
            invitee.send("/join " + room);
            invitee.await("joined", e -> e.path("room").asText().equals(room), MEMBERSHIP);
        }
        for (RoomMember member : members) {
            for (RoomMember other : members) {
                awaitTrue(member + " to see " + other + " in the room", MEMBERSHIP, members,
                        () -> member.saw("member-added", other.user()));
            }
        }
        System.out.printf("rooms: %d members (alice+carol same LAN behind %s, bob behind %s, dave behind %s) "
                + "in the room %d ms after /room create%n", members.size(), NatKind.PORT_RESTRICTED,
                NatKind.FULL_CONE, NatKind.SYMMETRIC, Duration.ofNanos(System.nanoTime() - started).toMillis());
        return members;
    }

    private void chat(List<RoomMember> members) {
        RoomMember alice = members.get(0);
        RoomMember bob = members.get(1);
        RoomMember carol = members.get(2);
        timedRounds(members);
        burst(members, members, "burst");
        assertSameOrder(members);
        offlineAndBack(members, bob);
        removed(members, alice, carol);
        printPaths(members);
        printLatency(members.size());
    }

    /** One message at a time, each member in turn: how long until every member shows it. */
    private void timedRounds(List<RoomMember> members) {
        for (int round = 0; round < TIMED_ROUNDS; round++) {
            for (RoomMember sender : members) {
                String text = text("timed " + round, sender);
                long sent = System.nanoTime();
                sender.send(text);
                awaitShownBy(members, members, sender.user() + ": " + text);
                reachedAllMs.add(Duration.ofNanos(System.nanoTime() - sent).toMillis());
            }
        }
    }

    /** Every sender writes {@code BURST} lines at once; each reader shows every one of them. */
    private List<String> burst(List<RoomMember> senders, List<RoomMember> readers, String tag) {
        List<String> shown = new ArrayList<>();
        for (RoomMember sender : senders) {
            List<String> texts = IntStream.range(0, BURST).mapToObj(i -> text(tag + " " + i, sender)).toList();
            sender.peer().sendAll(texts);
            texts.forEach(text -> shown.add(sender.user() + ": " + text));
        }
        shown.forEach(message -> awaitShownBy(readers, readers, message));
        return shown;
    }

    /**
     * bob is killed while quiet; the others chat on without him; restarted on his data directory, he
     * shows exactly what he missed, ends with the same history, and his next message reaches everyone.
     */
    private void offlineAndBack(List<RoomMember> members, RoomMember bob) {
        List<RoomMember> others = members.stream().filter(m -> m != bob).toList();
        bob.peer().kill();
        List<String> missed = burst(others, others, "while bob is away");

        long restarted = System.nanoTime();
        bob.restart();
        awaitTrue("bob to catch up", DELIVER, members, () -> bob.messages().equals(others.getFirst().messages()));
        long caughtUpMs = Duration.ofNanos(System.nanoTime() - restarted).toMillis();
        assertThat(bob.messages()).as("bob's history after the restart").containsAll(missed);
        assertSameOrder(members);

        bob.send("/switch " + bob.room()); // a new run has no current room
        String back = text("back", bob);
        bob.send(back);
        awaitShownBy(members, members, "bob: " + back);
        System.out.printf("rooms: bob killed; %d messages from the 3 others while he was away; restarted, he showed "
                + "all of them and the same history (%d messages) %d ms after the restart (JVM start included)%n",
                missed.size(), bob.messages().size(), caughtUpMs);
    }

    /**
     * alice removes carol; once every member applied it, the others chat on: they all show the later
     * messages, carol shows none of them, not even after three sync rounds, and her history is theirs
     * up to the removal.
     */
    private void removed(List<RoomMember> members, RoomMember alice, RoomMember carol) {
        List<String> before = carol.messages();
        alice.send("/remove " + carol.user());
        for (RoomMember member : members) {
            awaitTrue(member + " to see carol removed", MEMBERSHIP, members,
                    () -> member.saw("member-removed", carol.user()));
        }
        List<RoomMember> remaining = members.stream().filter(m -> m != carol).toList();
        List<String> later = burst(remaining, remaining, "after carol left");
        assertSameOrder(remaining);
        try {
            Awaitility.await().alias("carol to show nothing new").during(QUIET).atMost(QUIET.plusSeconds(5))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> carol.messages().size() == before.size());
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the removed carol showed later messages: " + carol.messages(), e);
        }
        List<String> others = new ArrayList<>(alice.messages());
        others.removeAll(later);
        assertThat(carol.messages()).as("carol's history is the room's up to her removal").isEqualTo(others);
        System.out.printf("rooms: carol removed; %d later messages shown by the 3 others, none by carol within %d s%n",
                later.size(), QUIET.toSeconds());
    }

    private static void assertSameOrder(List<RoomMember> members) {
        List<String> first = members.getFirst().messages();
        assertThat(first).as("no message twice at " + members.getFirst()).doesNotHaveDuplicates();
        for (RoomMember member : members.subList(1, members.size())) {
            assertThat(member.messages()).as(member + "'s order against " + members.getFirst() + "'s")
                    .isEqualTo(first);
        }
    }

    private static void awaitShownBy(List<RoomMember> readers, List<RoomMember> all, String message) {
        for (RoomMember reader : readers) {
            awaitTrue(reader + " to show " + message, DELIVER, all, () -> reader.messages().contains(message));
        }
    }

    private static void awaitTrue(String what, Duration timeout, List<RoomMember> members, BooleanSupplier done) {
        try {
            Awaitility.await().alias(what).atMost(timeout).pollInSameThread().pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(20)).until(done::getAsBoolean);
        } catch (ConditionTimeoutException e) {
            StringBuilder diagnostics = new StringBuilder(e.getMessage());
            members.forEach(m -> diagnostics.append('\n').append(m.diagnostics()));
            throw new AssertionError(diagnostics.toString(), e);
        }
    }

    private String text(String tag, RoomMember sender) {
        return canary + " " + tag + " from " + sender.user();
    }

    /** Which path each member's links took (the `connected` events, as the clients report them). */
    private static void printPaths(List<RoomMember> members) {
        for (RoomMember member : members) {
            List<String> paths = member.connections().stream().map(e -> e.path("peer").asText() + " "
                    + e.path("path").asText() + " " + e.path("remote").asText()).toList();
            System.out.printf("rooms: %s connected %s%n", member, paths);
        }
    }

    private void printLatency(int roomSize) {
        List<Long> sorted = reachedAllMs.stream().sorted().toList();
        System.out.printf("rooms: %d members; time for a message to reach every member over %d messages sent one "
                + "at a time: median %d ms, max %d ms (all: %s)%n", roomSize, sorted.size(),
                sorted.get(sorted.size() / 2), sorted.getLast(), reachedAllMs);
    }
}
