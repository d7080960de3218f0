package dev.p2pchat.traversal;

import dev.p2pchat.traversal.loop.TaskLoop;
import dev.p2pchat.traversal.nat.MappingLifetimeProbe;
import dev.p2pchat.traversal.net.DatagramEndpoint;
import dev.p2pchat.traversal.net.DatagramNetwork;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The keepalive spacing of one agent: {@link AgentConfig#keepaliveInterval()} until the NAT has been shown
 * to keep an idle mapping longer, then three quarters of the longest idle time it was seen to survive
 * (a quarter of safety margin against timers that run early), never more than
 * {@link AgentConfig#maxKeepaliveInterval()}. The proof comes from a {@link MappingLifetimeProbe} against the
 * first STUN server; it only ever widens the spacing, so a NAT that forgets after 20 s keeps the 10 s
 * default. When the server-reflexive address changes (a new network, a rebooted NAT), what was learnt no
 * longer holds: the spacing falls back to the default and the probe starts again.
 *
 * <p>Runs on the agent's loop; {@link #interval()} may be read from any thread.
 */
final class KeepaliveTuner {
    private static final System.Logger LOG = System.getLogger(KeepaliveTuner.class.getName());

    private final DatagramNetwork network;
    private final DatagramEndpoint endpoint;
    private final TaskLoop loop;
    private final AgentConfig config;
    private final RandomGenerator random;
    private volatile Duration interval;
    private volatile Duration provenIdle = Duration.ZERO;
    private MappingLifetimeProbe probe;

    KeepaliveTuner(DatagramNetwork network, DatagramEndpoint endpoint, TaskLoop loop, AgentConfig config,
                   RandomGenerator random) {
        this.network = network;
        this.endpoint = endpoint;
        this.loop = loop;
        this.config = config;
        this.random = random;
        this.interval = config.keepaliveInterval();
    }

    /** The spacing to use for the next keepalive. */
    Duration interval() {
        return interval;
    }

    /** The longest idle time a mapping was seen to survive (zero: nothing proven yet). */
    Duration provenIdle() {
        return provenIdle;
    }

    /** The spacing a proven idle lifetime allows. */
    static Duration allowedBy(Duration idle, AgentConfig config) {
        Duration wanted = idle.multipliedBy(3).dividedBy(4);
        if (wanted.compareTo(config.keepaliveInterval()) < 0) {
            return config.keepaliveInterval();
        }
        return wanted.compareTo(config.maxKeepaliveInterval()) > 0 ? config.maxKeepaliveInterval() : wanted;
    }

    /** Starts measuring, if tuning is on and there is a STUN server; on the loop. */
    void start() {
        if (!config.tunesKeepalive() || config.stunServers().isEmpty() || probe != null) {
            return;
        }
        InetSocketAddress server = config.stunServers().getFirst();
        probe = new MappingLifetimeProbe(network, endpoint, loop, random, server, ladder(),
                new MappingLifetimeProbe.Listener() {
                    @Override
                    public void survived(Duration idle) {
                        provenIdle = idle;
                        interval = allowedBy(idle, config);
                    }

                    @Override
                    public void finished(String why) {
                        LOG.log(System.Logger.Level.DEBUG, "keepalive every " + interval.toSeconds() + " s: " + why);
                    }
                });
        probe.start();
    }

    /** Our public address changed: forget what was learnt and measure again. */
    void restart() {
        stop();
        interval = config.keepaliveInterval();
        provenIdle = Duration.ZERO;
        start();
    }

    void stop() {
        if (probe != null) {
            probe.stop();
            probe = null;
        }
    }

    /** The probe's rungs, up to the first one that already allows the widest spacing. */
    private List<Duration> ladder() {
        List<Duration> all = MappingLifetimeProbe.LADDER;
        for (int i = 0; i < all.size(); i++) {
            if (allowedBy(all.get(i), config).equals(config.maxKeepaliveInterval())) {
                return all.subList(0, i + 1);
            }
        }
        return all;
    }
}
