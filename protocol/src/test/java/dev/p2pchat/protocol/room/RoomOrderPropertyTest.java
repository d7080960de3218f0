package dev.p2pchat.protocol.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p2pchat.protocol.identity.Username;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Every replica that holds the same envelopes lists them in the same order, without duplicates,
 * whatever the delivery order and however many copies arrive; the version vector agrees too.
 */
class RoomOrderPropertyTest {
    private static final RoomId ROOM = RoomId.of(new byte[16]);
    private static final TestUsers USERS = new TestUsers();

    @Property(tries = 200, seed = "20261124")
    void replicasConvergeUnderAnyDeliveryOrder(
            @ForAll @IntRange(min = 1, max = 6) int senders,
            @ForAll @IntRange(min = 1, max = 40) int messages,
            @ForAll @IntRange(min = 2, max = 5) int replicas,
            @ForAll @IntRange(min = 0, max = 3) int copies,
            @ForAll long seed) {
        Random random = new Random(seed);
        List<Envelope> all = concurrentTraffic(senders, messages, random);
        List<List<Envelope>> orders = new ArrayList<>();
        for (int r = 0; r < replicas; r++) {
            RoomHistory history = new RoomHistory();
            List<Envelope> delivery = new ArrayList<>(all);
            for (int c = 0; c < copies; c++) {
                delivery.add(all.get(random.nextInt(all.size())));
            }
            Collections.shuffle(delivery, random);
            int added = 0;
            for (Envelope envelope : delivery) {
                added += history.add(envelope) ? 1 : 0;
            }
            assertThat(added).isEqualTo(all.size());
            assertThat(history.vector().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(all.size());
            orders.add(history.ordered());
        }
        for (List<Envelope> order : orders) {
            assertThat(order).containsExactlyElementsOf(orders.getFirst());
        }
        assertCausalWithinSender(orders.getFirst());
    }

    /**
     * Senders that each see a random subset of the others' messages before sending: the Lamport
     * clocks then tie and interleave, which is what the tie-break must settle.
     */
    private static List<Envelope> concurrentTraffic(int senders, int messages, Random random) {
        Map<Username, Long> seqs = new HashMap<>();
        List<Envelope> sent = new ArrayList<>();
        long[] clocks = new long[senders];
        for (int i = 0; i < messages; i++) {
            int s = random.nextInt(senders);
            if (!sent.isEmpty() && random.nextBoolean()) {
                clocks[s] = Math.max(clocks[s], sent.get(random.nextInt(sent.size())).lamport());
            }
            clocks[s]++;
            Username sender = Username.of("u" + s);
            long seq = seqs.merge(sender, 1L, Long::sum);
            sent.add(RoomCrypto.seal(ROOM, 1, sender, seq, clocks[s], SenderKey.of(new byte[32]),
                    USERS.key("u" + s), ("m" + i).getBytes(StandardCharsets.UTF_8)));
        }
        return sent;
    }

    private static void assertCausalWithinSender(List<Envelope> order) {
        Map<Username, Long> last = new HashMap<>();
        for (Envelope envelope : order) {
            long previous = last.getOrDefault(envelope.sender(), 0L);
            assertThat(envelope.seq()).isEqualTo(previous + 1);
            last.put(envelope.sender(), envelope.seq());
        }
    }
}
