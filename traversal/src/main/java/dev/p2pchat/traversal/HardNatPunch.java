package dev.p2pchat.traversal;

import dev.p2pchat.traversal.loop.Cancellable;
import dev.p2pchat.traversal.net.Datagram;
import dev.p2pchat.traversal.net.DatagramEndpoint;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * One connection's work on an address-dependent-mapping NAT, as its {@link HardNatPlan} says: the easy side's
 * {@link PortSpray}, the hard side's {@link SocketSpray}, or, when both sides are hard and no relay
 * candidate is on offer, giving up after {@link #BOTH_HARD_GIVE_UP} instead of the whole connect timeout.
 * On the agent's loop.
 */
final class HardNatPunch {
    /** Long enough for host candidates on a shared LAN, the one way two such NATs still meet directly. */
    static final Duration BOTH_HARD_GIVE_UP = Duration.ofSeconds(2);

    /** What the punch needs from its connection. */
    interface Host {
        void ping(InetSocketAddress to);

        void received(DatagramEndpoint via, Datagram d);

        boolean anyPairWorks();

        void giveUp(String why);
    }

    private final TraversalAgent agent;
    private final HardNatPlan plan;
    private final Role role;
    private final PeerDescription remote;
    private final List<Candidate> localCandidates;
    private final Host host;
    private PortSpray portSpray;
    private SocketSpray socketSpray;
    private Cancellable giveUp = Cancellable.NONE;

    HardNatPunch(TraversalAgent agent, HardNatPlan plan, Role role, PeerDescription local, PeerDescription remote,
                 Host host) {
        this.agent = agent;
        this.plan = plan;
        this.role = role;
        this.remote = remote;
        this.localCandidates = local.candidates();
        this.host = host;
    }

    /** The remote candidates to run ordinary checks on (see {@link #start()} for why the hard side skips some). */
    static List<Candidate> checkedCandidates(HardNatPlan plan, List<Candidate> remote) {
        if (plan.role() != HardNatPlan.Role.HARD) {
            return remote;
        }
        // Our PINGs from a fresh port would only meet the peer's filter, and on a Linux NAT leave an entry that
        // pushes the peer's later guess of that very port onto another port: let the peer's guesses come first.
        return remote.stream().filter(c -> c.type() != CandidateType.SRFLX).toList();
    }

    void start() {
        HardNatBudget budget = agent.config().hardNat();
        switch (plan.role()) {
            case NONE -> { }
            case BOTH_HARD -> {
                if (noRelay()) {
                    giveUp = agent.loop().schedule(BOTH_HARD_GIVE_UP, this::giveUpUnlessWorking);
                }
            }
            case HARD -> {
                if (plan.opensSockets() && budget.enabled() && budget.sockets() > 0) {
                    startSockets(budget);
                }
            }
            case EASY -> {
                if (budget.enabled() && budget.probes() > 0) {
                    startGuessing(budget);
                }
            }
        }
    }

    /** A pair works: no more guesses or sockets, but keep the socket the path runs on ({@code keep} may be null). */
    void stop(DatagramEndpoint keep) {
        giveUp.cancel();
        if (portSpray != null) {
            portSpray.stop();
        }
        if (socketSpray != null) {
            socketSpray.closeAllBut(keep);
        }
    }

    private void startSockets(HardNatBudget budget) {
        List<InetSocketAddress> targets = remote.candidates().stream()
                .filter(c -> c.type() == CandidateType.SRFLX).map(Candidate::address).toList();
        int ttl = agent.config().primingTtl() > 0 ? agent.config().primingTtl() : DatagramEndpoint.DEFAULT_TTL;
        socketSpray = new SocketSpray(agent.network(), agent.loop(), budget, ttl, targets, host::received,
                agent.counters().hardNatDatagrams);
        socketSpray.start(agent.localAddress());
    }

    private void startGuessing(HardNatBudget budget) {
        remote.candidates().stream().filter(c -> c.type() == CandidateType.SRFLX).findFirst().ifPresent(srflx -> {
            Consumer<InetSocketAddress> ping = to -> {
                agent.counters().hardNatDatagrams.incrementAndGet();
                host.ping(to);
            };
            portSpray = new PortSpray(agent.loop(), budget, srflx.address().getAddress(),
                    plan.guesses(budget.predictionWindow(), budget.probes(), agent.random()), ping);
            portSpray.start(guessDelay(budget));
        });
    }

    /**
     * Guesses wait for the hard side's sockets to be primed (one pacing interval each), and the answerer's also
     * for the answer to reach the offerer, as its ordinary checks do.
     */
    private Duration guessDelay(HardNatBudget budget) {
        Duration sockets = plan.sequential() ? Duration.ZERO : budget.pacing().multipliedBy(budget.sockets());
        return role == Role.CONTROLLED ? sockets.plus(agent.config().answererCheckDelay()) : sockets;
    }

    private boolean noRelay() {
        return remote.candidates().stream().noneMatch(c -> c.type() == CandidateType.RELAY)
                && localCandidates.stream().noneMatch(c -> c.type() == CandidateType.RELAY);
    }

    private void giveUpUnlessWorking() {
        if (!host.anyPairWorks()) {
            host.giveUp("no direct path: both peers are behind NATs whose mapping depends on the destination"
                    + " (\"symmetric\"), so neither can predict the other's port; a relay is needed");
        }
    }
}
