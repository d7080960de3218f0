package dev.p2pchat.traversal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.SequencedSet;
import java.util.random.RandomGenerator;

/**
 * What one side does about an address-dependent ("symmetric") mapping NAT, decided the same way on both
 * sides from the two descriptions' {@link PeerDescription#mappedPorts()}.
 *
 * <pre>
 *   local mapping   remote mapping   role
 *   independent     dependent        EASY: PING guessed ports of the peer's public address (PortSpray)
 *   dependent       independent      HARD: if the NAT allocates at random, open extra sockets (SocketSpray);
 *                                          sequential: the main socket's next mappings are what the peer guesses
 *   dependent       dependent        BOTH_HARD: no direct path outside a LAN; give up early
 *   unknown on either side           NONE: ordinary checks only
 * </pre>
 *
 * A NAT "allocates sequentially" when the two mapped ports are 1–{@value #MAX_STRIDE} apart, in order; the
 * guesses then start just above the later one, in steps of that stride.
 */
record HardNatPlan(Role role, boolean sequential, int lastPort, int stride) {
    /** Further apart than this, two consecutive mappings are taken as random. */
    static final int MAX_STRIDE = 16;
    static final int FIRST_PORT = 1024;
    static final int LAST_PORT = 65_535;

    enum Role { NONE, EASY, HARD, BOTH_HARD }

    static final HardNatPlan NONE = new HardNatPlan(Role.NONE, false, 0, 0);

    static HardNatPlan of(List<Integer> local, List<Integer> remote) {
        if (local.size() < 2 || remote.size() < 2) {
            return NONE;
        }
        boolean localHard = dependent(local);
        boolean remoteHard = dependent(remote);
        if (localHard && remoteHard) {
            return new HardNatPlan(Role.BOTH_HARD, false, 0, 0);
        }
        if (!localHard && !remoteHard) {
            return NONE;
        }
        List<Integer> hard = localHard ? local : remote;
        int stride = hard.getLast() - hard.get(hard.size() - 2);
        boolean sequential = stride >= 1 && stride <= MAX_STRIDE;
        return new HardNatPlan(localHard ? Role.HARD : Role.EASY, sequential, hard.getLast(), sequential ? stride : 1);
    }

    /** Two or more mapped ports, all equal: the NAT (if any) maps independently of the destination. */
    static boolean endpointIndependent(List<Integer> ports) {
        return ports.size() >= 2 && !dependent(ports);
    }

    private static boolean dependent(List<Integer> ports) {
        return ports.stream().distinct().count() > 1;
    }

    /** The hard side opens extra sockets only where guessing its main socket's next port would not work. */
    boolean opensSockets() {
        return role == Role.HARD && !sequential;
    }

    /**
     * The easy side's guesses, in order: the ports above the hard side's last mapped port, where a sequential
     * NAT puts its next mappings — all {@code total} of them for a sequential NAT, {@code window} otherwise
     * (cheap, and where a port-preserving NAT puts the extra sockets' mappings) followed by distinct random
     * ports until {@code total}.
     */
    SequencedSet<Integer> guesses(int window, int total, RandomGenerator random) {
        SequencedSet<Integer> out = new LinkedHashSet<>();
        // sequential: keep climbing — guesses that reach the NAT before our mapping exists push it further up
        int climb = sequential ? total : window;
        for (int i = 1; i <= climb && out.size() < total; i++) {
            long port = lastPort + (long) i * stride;
            if (port <= LAST_PORT) {
                out.add((int) port);
            }
        }
        if (!sequential) {
            int span = LAST_PORT - FIRST_PORT + 1;
            while (out.size() < Math.min(total, span)) {
                out.add(random.nextInt(FIRST_PORT, LAST_PORT + 1));
            }
        }
        return out;
    }
}
