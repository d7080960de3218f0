package dev.p2pchat.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 5 on real NATs: no message lost, none shown twice, through a lossy wire, NATs that forget
 * their mappings, and a client killed with messages in flight. One lab and server for the class;
 * each test builds its own routers, since it breaks them. Where the property does not depend on the
 * NAT pair, a full cone faces a port-restricted NAT: two NATs on the path, without the simultaneous-open
 * race of two port-restricted ones, which {@code ChatInLabTest} and the flush test here cover.
 */
@NatLab
class ChatFaultsInLabTest {
    private static final Duration EXCHANGE = Duration.ofSeconds(60);
    private static final Duration LOSSY_EXCHANGE = Duration.ofSeconds(180);
    /** Issue 5: after a NAT forgot its mappings, the chat resumes within this. */
    private static final Duration RESUME = Duration.ofSeconds(5);
    /** 20 % per direction end to end, split over the two routers each packet crosses: 1 - (1 - p)^2 = 0.2. */
    private static final double LOSS_PER_ROUTER = 1 - Math.sqrt(0.8);

    private static Lab lab;
    private static LabServer server;

    @BeforeAll
    static void buildLab() {
        lab = Lab.create();
        server = LabServer.start(lab);
    }

    @AfterAll
    static void closeLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void aThousandMessagesEachWayAtTwentyPercentLossArriveOnceInOrder() {
        NatRouter left = lab.addNat(NatKind.PORT_RESTRICTED);
        NatRouter right = lab.addNat(NatKind.FULL_CONE);
        try (ChatPair pair = ChatPair.start(lab, server, left.addHost(), right.addHost(), "lossy")) {
            pair.awaitConnected(ChatPair.CONNECT);
            left.setLoss(LOSS_PER_ROUTER);
            right.setLoss(LOSS_PER_ROUTER);
            // Inserted after (so above) the loss rule: counts every packet the loss rule then sees.
            RuleCounter leftSeen = left.iptables().count("filter", "FORWARD");
            RuleCounter rightSeen = right.iptables().count("filter", "FORWARD");

            Duration took = pair.exchange("lossy", 1000, LOSSY_EXCHANGE);

            double leftRate = (double) left.lostPackets() / leftSeen.packets();
            double rightRate = (double) right.lostPackets() / rightSeen.packets();
            System.out.printf("20%% loss each way: 1,000 messages each way delivered once, in order, in %d ms; "
                    + "routers dropped %d of %d and %d of %d packets%n", took.toMillis(), left.lostPackets(),
                    leftSeen.packets(), right.lostPackets(), rightSeen.packets());
            // The wire was as lossy as claimed (a few hundred packets: allow for chance).
            assertThat(leftRate).as("left loss rate").isBetween(LOSS_PER_ROUTER - 0.05, LOSS_PER_ROUTER + 0.05);
            assertThat(rightRate).as("right loss rate").isBetween(LOSS_PER_ROUTER - 0.05, LOSS_PER_ROUTER + 0.05);
        }
    }

    @Test
    void aPortRestrictedNatForgettingItsMappingsMidChatLosesNothing() {
        NatRouter left = lab.addNat(NatKind.PORT_RESTRICTED);
        NatRouter right = lab.addNat(NatKind.PORT_RESTRICTED);
        try (ChatPair pair = ChatPair.start(lab, server, left.addHost(), right.addHost(), "flush-pr")) {
            flushMidChat(pair, left, "port-restricted <-> port-restricted");
        }
    }

    @Test
    void aSymmetricNatForgettingItsMappingsMidChatLosesNothing() {
        NatRouter symmetric = lab.addNat(NatKind.SYMMETRIC);
        Host open = lab.addPublicHost();
        try (ChatPair pair = ChatPair.start(lab, server, symmetric.addHost(), open, "flush-sym")) {
            flushMidChat(pair, symmetric, "symmetric <-> public host");
        }
    }

    /**
     * Connected and chatting, then {@code conntrack -F} on {@code nat} with messages sent right after:
     * every message arrives once, in order, and the last receipt comes within {@link #RESUME}.
     */
    private static void flushMidChat(ChatPair pair, NatRouter nat, String pairCase) {
        LabEnvironment.assumeTool("conntrack");
        ChatPair.Connection connection = pair.awaitConnected(ChatPair.CONNECT);
        // A direct path through the NAT: that is what its forgetting must not break.
        assertThat(connection.a().path("path").asText()).as(connection.a().toString()).isEqualTo("direct");
        assertThat(connection.a().path("remote").asText()).as("not the server's relay: " + connection.a())
                .doesNotStartWith(server.primary().getHostAddress() + ":");
        pair.exchange("before", 5, EXCHANGE);
        List<ConntrackEntry> before = nat.conntrack();

        long flushed = System.nanoTime();
        nat.flushConntrack();
        Duration resumed = pair.exchange("after-flush", 10, EXCHANGE);
        Duration sinceFlush = Duration.ofNanos(System.nanoTime() - flushed);

        System.out.printf("conntrack -F on %s (%s): 10 messages each way delivered once, in order, %d ms after the flush;"
                + " mappings before %s, after %s; events a: %s, b: %s%n", nat.kind(), pairCase, sinceFlush.toMillis(),
                udp(before), udp(nat.conntrack()), stateEvents(pair.a(), flushed), stateEvents(pair.b(), flushed));
        assertThat(sinceFlush).as("chat resumed after the flush\nstate events a: %s\nb: %s\n%s", stateEvents(pair.a(), flushed),
                stateEvents(pair.b(), flushed), pair.diagnostics()).isLessThanOrEqualTo(RESUME);
        pair.exchange("later", 5, EXCHANGE);
    }

    @Test
    void aClientKilledWithUnacknowledgedMessagesDeliversThemOnceAfterARestart() {
        NatRouter left = lab.addNat(NatKind.PORT_RESTRICTED);
        NatRouter right = lab.addNat(NatKind.FULL_CONE);
        try (ChatPair pair = ChatPair.start(lab, server, left.addHost(), right.addHost(), "killed")) {
            pair.awaitConnected(ChatPair.CONNECT);
            pair.exchange("before", 3, EXCHANGE);
            ChatPeer a = pair.a();
            ChatPeer b = pair.b();
            ChatPair.Mark markB = ChatPair.Mark.of(b);
            int sentBefore = a.events("sent").size();

            // Receipts are lost: b gets these, a never learns it.
            String[] inbound = {"-i", NatRouter.WAN, "-p", "udp", "-j", "DROP"};
            left.iptables().insert("filter", "FORWARD", inbound);
            List<String> receivedUnacked = pair.texts(a, "acks-lost", 5);
            a.sendAll(receivedUnacked);
            b.awaitCount("message", markB.messages() + 5, EXCHANGE);
            // Now nothing gets through at all: b never sees these before the kill.
            String[] outbound = {"-o", NatRouter.WAN, "-p", "udp", "-j", "DROP"};
            left.iptables().insert("filter", "FORWARD", outbound);
            List<String> neverSent = pair.texts(a, "cut-off", 5);
            a.sendAll(neverSent);
            List<String> ids = a.awaitCount("sent", sentBefore + 10, EXCHANGE).subList(sentBefore, sentBefore + 10)
                    .stream().map(e -> e.path("id").asText()).toList();
            assertThat(a.events("delivered")).extracting(e -> e.path("id").asText()).doesNotContainAnyElementsOf(ids);

            a.kill();
            left.iptables().delete("filter", "FORWARD", inbound);
            left.iptables().delete("filter", "FORWARD", outbound);
            ChatPeer restarted = a.restart();
            pair.replace(a, restarted);

            List<String> all = new ArrayList<>(receivedUnacked);
            all.addAll(neverSent);
            List<JsonNode> received = b.awaitCount("message", markB.messages() + 10, EXCHANGE)
                    .subList(markB.messages(), markB.messages() + 10);
            assertThat(received).extracting(m -> m.path("text").asText()).containsExactlyElementsOf(all);
            assertThat(received).extracting(m -> m.path("id").asText()).containsExactlyElementsOf(ids);
            restarted.awaitCount("delivered", 10, EXCHANGE);
            assertThat(restarted.events("delivered")).extracting(e -> e.path("id").asText())
                    .containsExactlyInAnyOrderElementsOf(ids);
            pair.exchange("after-restart", 3, EXCHANGE);
            assertThat(b.events("message").stream().filter(m -> ids.contains(m.path("id").asText())).count())
                    .as("each of the 10 shown once at b").isEqualTo(10);
        }
    }

    private static List<String> udp(List<ConntrackEntry> entries) {
        return entries.stream().filter(e -> e.protocol().equals("udp")).map(ConntrackEntry::toString).toList();
    }

    /** The connection-state events of a client, each with its time in ms since {@code origin} (nanoTime), for the report. */
    private static List<String> stateEvents(ChatPeer peer, long origin) {
        return peer.events().stream()
                .filter(e -> List.of("connected", "disconnected", "reconnecting", "path").contains(e.path("type").asText()))
                .map(e -> (peer.arrivalNanos(e) - origin) / 1_000_000 + " ms " + e).toList();
    }
}
