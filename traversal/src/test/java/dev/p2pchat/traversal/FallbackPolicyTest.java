package dev.p2pchat.traversal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.p2pchat.traversal.sim.SimScheduler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The small policies behind "relay first, then direct — and back": {@link PathMode}, {@link RelayRoute},
 * {@link DirectRetry} and {@link DirectRetries}, with scripted or virtual time.
 */
class FallbackPolicyTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final InetSocketAddress PEER = new InetSocketAddress("198.51.100.7", 40000);
    private static final Candidate OUR_RELAY = new Candidate(CandidateType.RELAY, "203.0.113.1", 50000, 1, "relay");
    private static final Candidate OUR_SRFLX = new Candidate(CandidateType.SRFLX, "192.0.2.1", 40001, 2, "srflx");
    private static final Candidate PEER_SRFLX = new Candidate(CandidateType.SRFLX, "198.51.100.7", 40000, 3, "srflx");

    @Test
    void aPathFallsBackOnlyFromDirectWithTheRelayStandingBy() {
        assertThat(PathMode.selected(Path.Kind.RELAYED, true)).isEqualTo(PathMode.RELAYED);
        assertThat(PathMode.selected(Path.Kind.DIRECT, false)).isEqualTo(PathMode.DIRECT);
        assertThat(PathMode.selected(Path.Kind.DIRECT, true)).isEqualTo(PathMode.DIRECT_STANDBY);

        PathMode up = PathMode.RELAYED.on(PathMode.Event.UPGRADED);
        assertThat(up).isEqualTo(PathMode.DIRECT_STANDBY);
        assertThat(up.on(PathMode.Event.FELL_BACK)).isEqualTo(PathMode.RELAYED);
        assertThat(PathMode.DIRECT.on(PathMode.Event.LOST)).isEqualTo(PathMode.GONE);
        assertThat(PathMode.DIRECT_STANDBY.on(PathMode.Event.LOST)).isEqualTo(PathMode.GONE);
        assertThatThrownBy(() -> PathMode.DIRECT.on(PathMode.Event.FELL_BACK)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> PathMode.DIRECT.on(PathMode.Event.UPGRADED)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> PathMode.RELAYED.on(PathMode.Event.FELL_BACK)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRouteThroughOurRelayCarriesOnlyWhatCameThroughIt() {
        RelayRoute ours = new RelayRoute(PEER, OUR_RELAY, PEER_SRFLX, T0);
        assertThat(ours.viaOurRelay()).isTrue();
        assertThat(ours.carries(PEER, true)).isTrue();
        assertThat(ours.carries(PEER, false)).as("the same address, straight: the direct pair").isFalse();
        assertThat(ours.carries(new InetSocketAddress("198.51.100.7", 40002), true)).isFalse();

        Candidate peersRelay = new Candidate(CandidateType.RELAY, "203.0.113.9", 50000, 1, "relay");
        RelayRoute theirs = new RelayRoute(peersRelay.address(), OUR_SRFLX, peersRelay, T0);
        assertThat(theirs.viaOurRelay()).isFalse();
        assertThat(theirs.carries(peersRelay.address(), false)).isTrue();
        assertThat(theirs.carries(PEER, false)).isFalse();
    }

    @Test
    void aRouteIsWorthFallingBackToIfItAnsweredSinceTheTroubleBegan() {
        RelayRoute r = new RelayRoute(PEER, OUR_RELAY, PEER_SRFLX, T0);
        assertThat(r.heardSince(T0.plusSeconds(10))).isFalse();
        r.heard(T0.plusSeconds(11));
        assertThat(r.heardSince(T0.plusSeconds(10))).isTrue();
        assertThat(r.movedTo(PEER).heardSince(T0.plusSeconds(11))).as("a rebinding keeps what was heard").isTrue();
    }

    @Test
    void retriesBackOffFromFirstToMax() {
        DirectRetry retry = new DirectRetry(Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ofSeconds(5));
        List<Long> spacings = new ArrayList<>();
        for (int n = 0; n < 7; n++) {
            spacings.add(retry.before(n).toSeconds());
        }
        assertThat(spacings).containsExactly(5L, 10L, 20L, 40L, 60L, 60L, 60L);
        assertThatThrownBy(() -> new DirectRetry(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void roundsRunOnScheduleAndStartOverWhenThePathMoves() {
        SimScheduler loop = new SimScheduler();
        List<Long> startedAt = new ArrayList<>();
        DirectRetry timing = new DirectRetry(Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofSeconds(5));
        DirectRetries[] retries = new DirectRetries[1];
        retries[0] = new DirectRetries(loop, timing, () -> {
            startedAt.add(Duration.between(SimScheduler.EPOCH, loop.now()).toSeconds());
            retries[0].started();
            loop.schedule(timing.round(), retries[0]::ended); // every round fails after 5 s
        });
        retries[0].schedule();
        loop.runFor(Duration.ofSeconds(80));
        // 5 s, then 5 s rounds separated by 10, 20, 20, 20 s
        assertThat(startedAt).containsExactly(5L, 20L, 45L, 70L);

        retries[0].restart();
        startedAt.clear();
        retries[0].schedule();
        loop.runFor(Duration.ofSeconds(6));
        assertThat(startedAt).as("back to the first spacing").hasSize(1);
    }

    @Test
    void thePeersChecksStartARoundOnlyOneRoundAfterTheLastEnded() {
        SimScheduler loop = new SimScheduler();
        DirectRetries retries = new DirectRetries(loop, DirectRetry.DEFAULT, () -> { });
        assertThat(retries.peerMayStart()).isTrue();
        retries.ended();
        assertThat(retries.peerMayStart()).isFalse();
        loop.runFor(DirectRetry.DEFAULT.round());
        assertThat(retries.peerMayStart()).isTrue();
    }
}
