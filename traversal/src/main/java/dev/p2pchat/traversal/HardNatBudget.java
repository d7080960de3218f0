package dev.p2pchat.traversal;

import java.time.Duration;

/**
 * Bounds of the extra work spent on a peer behind a NAT with address-dependent mapping (a "symmetric"
 * NAT, RFC 4787 §4.1), when the other side's mapping is endpoint-independent: the hard side opens
 * {@code sockets} extra sockets (each a fresh mapping toward the easy side), the easy side PINGs up to
 * {@code probes} guessed ports of the hard side's address. With 256 sockets and 1,024 guesses over
 * 64,512 ports, a random-port NAT is hit with probability 1 − e^(−256·1024/64512) ≈ 98 % (the birthday
 * paradox; Tailscale's numbers). Everything either side sends for it — priming of the extra sockets,
 * guesses — is paced at {@code packetsPerSecond}, stops after {@code duration} or at the first working
 * path, and never exceeds {@code sockets} (hard side) or {@code probes} (easy side) datagrams.
 *
 * @param predictionWindow guesses spent first on the ports just above the hard side's last observed port,
 *                         where a NAT that allocates sequentially puts the next mappings
 */
public record HardNatBudget(int sockets, int probes, int predictionWindow, int packetsPerSecond, Duration duration) {
    public static final HardNatBudget DEFAULT = new HardNatBudget(256, 1024, 64, 500, Duration.ofSeconds(6));
    /** No hard-NAT work: only the ordinary checks. */
    public static final HardNatBudget OFF = new HardNatBudget(0, 0, 0, 1, Duration.ZERO);

    public HardNatBudget {
        if (sockets < 0 || probes < 0 || predictionWindow < 0 || predictionWindow > probes || packetsPerSecond < 1
                || duration.isNegative()) {
            throw new IllegalArgumentException("bad hard-NAT budget: " + sockets + " sockets, " + probes
                    + " probes, window " + predictionWindow + ", " + packetsPerSecond + "/s, " + duration);
        }
    }

    /** The spacing of paced datagrams. */
    public Duration pacing() {
        return Duration.ofNanos(1_000_000_000L / packetsPerSecond);
    }

    public boolean enabled() {
        return duration.isPositive() && (sockets > 0 || probes > 0);
    }
}
