package dev.p2pchat.traversal;

import dev.p2pchat.protocol.frame.CheckFrame;
import dev.p2pchat.protocol.frame.CheckFrameCodec;
import dev.p2pchat.protocol.frame.FrameException;
import dev.p2pchat.protocol.frame.FrameType;
import dev.p2pchat.protocol.frame.Ufrag;
import dev.p2pchat.traversal.check.Credentials;
import dev.p2pchat.traversal.loop.TaskLoop;
import dev.p2pchat.traversal.net.Datagram;
import dev.p2pchat.traversal.net.DatagramEndpoint;
import dev.p2pchat.traversal.net.DatagramNetwork;
import dev.p2pchat.traversal.net.Demultiplexer;
import dev.p2pchat.traversal.net.PacketClass;
import dev.p2pchat.traversal.stun.StunClient;
import dev.p2pchat.traversal.turn.AgentRelay;
import dev.p2pchat.traversal.turn.RelayedEndpoint;
import dev.p2pchat.traversal.turn.TurnClientStats;
import dev.p2pchat.traversal.turn.TurnCredentials;
import dev.p2pchat.traversal.turn.TurnTiming;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * The traversal engine of one client: one shared UDP endpoint, demultiplexed; candidate gathering; any
 * number of connections to peers, each ending in a {@link Path} or a {@link NoDirectPathException}.
 *
 * <pre>
 * offerer (CONTROLLING)                         answerer (CONTROLLED)
 *   local = agent.gather()
 *   signal offer(local) ------------------------> local = agent.gather()
 *                                                 f = agent.connect(local, offer, CONTROLLED)  // primes
 *   agent.connect(local, answer, CONTROLLING) <-- signal answer(local)
 *     // primes, then checks                      // checks at the first PING or after a short delay
 *   path = f.get()                                path = f.get()
 * </pre>
 *
 * All state lives on the agent's {@link TaskLoop}; the public methods may be called from any thread and
 * futures complete on the loop.
 */
public final class TraversalAgent implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(TraversalAgent.class.getName());

    private final DatagramNetwork network;
    private final DatagramEndpoint endpoint;
    private final TaskLoop loop;
    private final AgentConfig config;
    private final RandomGenerator random;
    private final Demultiplexer demux = new Demultiplexer();
    private final AgentCounters counters = new AgentCounters();
    private final StunClient stun;
    private final Gatherer gatherer;
    private final KeepaliveTuner tuner;
    private final AgentRelay relay;
    /**
     * After a path was lost, gathering uses a fresh port for this long (see {@link #gather()}): the lost
     * path's datagrams leave Linux conntrack entries that live 30 s after the last one and break a retry on
     * the old port.
     */
    static final Duration FRESH_PORT_WINDOW = Duration.ofMinutes(1);
    private static final Duration MAPPING_CHECK_SPACING = Duration.ofSeconds(1);

    /** What {@link #gather()} made: the credentials and the socket the candidates belong to. */
    private record Gathered(Credentials credentials, DatagramEndpoint socket) {}

    private final Map<Ufrag, Gathered> gathered = new ConcurrentHashMap<>();
    private volatile Instant lastLoss;
    /** When {@link #checkMapping} last asked the STUN servers; null: never. Loop only. */
    private Instant mappingChecked;
    /** When a STUN answer last showed our public address change; null: never. Loop only. */
    private Instant mappingChangedAt;
    private final Map<Ufrag, Connection> connections = new HashMap<>();
    private final Map<InetSocketAddress, Connection> paths = new HashMap<>();

    private TraversalAgent(DatagramNetwork network, DatagramEndpoint endpoint, TaskLoop loop, AgentConfig config,
                           RandomGenerator random) {
        this.network = network;
        this.endpoint = endpoint;
        this.loop = loop;
        this.config = config;
        this.random = random;
        this.stun = new StunClient(endpoint, loop, random, config.stunTiming());
        this.gatherer = new Gatherer(network, this, stun);
        this.tuner = new KeepaliveTuner(network, endpoint, loop, config, random);
        this.relay = new AgentRelay(endpoint, demux, loop, random, TurnTiming.DEFAULTS, this::relayKeepalive,
                d -> onP2p(d, endpoint, true));
        demux.register(PacketClass.P2P, d -> loop.execute(() -> {
            relay.heardDirectly(d.source());
            onP2p(d, endpoint, false);
        }));
        demux.register(PacketClass.STUN, d -> loop.execute(() -> {
            if (!relay.onStun(d)) {
                stun.onDatagram(d);
            }
        }));
        endpoint.receive(demux);
    }

    /**
     * Binds the shared endpoint on all interfaces (an ephemeral port) and starts the agent.
     *
     * @param random the source of credentials and transaction ids: a {@link java.security.SecureRandom}
     *               outside tests
     */
    public static TraversalAgent open(DatagramNetwork network, TaskLoop loop, AgentConfig config,
                                      RandomGenerator random) throws IOException {
        return open(network, new InetSocketAddress(0), loop, config, random);
    }

    public static TraversalAgent open(DatagramNetwork network, InetSocketAddress bind, TaskLoop loop,
                                      AgentConfig config, RandomGenerator random) throws IOException {
        TraversalAgent agent = new TraversalAgent(network, network.bind(bind), loop, config, random);
        loop.execute(agent.gatherer::startKeepalive);
        loop.execute(agent.tuner::start);
        return agent;
    }

    /**
     * Gathers candidates (host, and server-reflexive from each configured STUN server) and makes fresh
     * credentials for one connection. Send the result to the peer as the offer or answer, then pass it to
     * {@link #connect}.
     *
     * <p>Within {@link #FRESH_PORT_WINDOW} after a path of this agent was lost or an attempt failed, the
     * candidates (and the
     * checks and path that follow) belong to a fresh UDP port instead of the shared socket: where a NAT
     * forgot its mapping (reboot, {@code conntrack -F}) while the peer kept sending, both NATs hold
     * "unreplied" entries for the old addresses that push any new flow between them onto other ports, and
     * a retry on the old port fails for as long as the retries themselves keep those entries alive. The
     * shared socket keeps STUN, TURN and the other peers' paths.
     */
    public CompletableFuture<PeerDescription> gather() {
        Credentials credentials = Credentials.random(random);
        CompletableFuture<PeerDescription> result = new CompletableFuture<>();
        loop.execute(() -> {
            DatagramEndpoint socket = endpoint;
            StunClient client = stun;
            if (lastLoss != null && loop.now().isBefore(lastLoss.plus(FRESH_PORT_WINDOW))) {
                try {
                    socket = network.bind(new InetSocketAddress(endpoint.localAddress().getAddress(), 0));
                    client = freshSocket(socket);
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.DEBUG, "no fresh port, gathering on the shared one: " + e);
                }
            }
            gathered.put(credentials.ufrag(), new Gathered(credentials, socket));
            gatherer.gather(credentials, result, socket, client);
        });
        return result;
    }

    /** Whether the next {@link #gather()} uses a fresh port (a path was lost within the last minute). */
    public boolean gathersOnFreshPort() {
        return lastLoss != null && loop.now().isBefore(lastLoss.plus(FRESH_PORT_WINDOW));
    }

    private StunClient freshSocket(DatagramEndpoint socket) {
        StunClient client = new StunClient(socket, loop, random, config.stunTiming());
        socket.receive(d -> {
            switch (PacketClass.of(d.firstByte())) {
                case P2P -> loop.execute(() -> onP2p(d, socket, false));
                case STUN -> loop.execute(() -> client.onDatagram(d));
                default -> { } // nothing else belongs on a connection's own port
            }
        });
        return client;
    }

    /**
     * Connects to the peer described by {@code remote}: primes (low-TTL PRIME datagrams toward each remote
     * candidate, sent before this method returns — the answerer sends its answer only after), then checks.
     * The future completes with the selected {@link Path}, or fails with {@link NoDirectPathException}
     * within {@link AgentConfig#connectTimeout()}, or with IllegalArgumentException for a bad description.
     */
    public CompletableFuture<Path> connect(PeerDescription local, PeerDescription remote, Role role) {
        CompletableFuture<Path> result = new CompletableFuture<>();
        Gathered made;
        try {
            made = gathered.remove(local.parsedUfrag());
            remote.parsedUfrag();
            remote.parsedPwd();
            if (made == null || !made.credentials().key().equals(local.parsedPwd())) {
                throw new IllegalArgumentException("local description was not made by this agent's gather()");
            }
        } catch (IllegalArgumentException e) {
            result.completeExceptionally(e);
            return result;
        }
        prime(remote, made.socket());
        Credentials credentials = made.credentials();
        relay.permit(remote.candidates().stream().map(Candidate::address).toList());
        loop.execute(() -> {
            Connection c = new Connection(this, made.socket(), role, credentials, local, remote, result);
            connections.put(credentials.ufrag(), c);
            c.start();
        });
        return result;
    }

    /** Our address as each configured STUN server last saw it (refreshed by the STUN keepalive). */
    public Map<InetSocketAddress, InetSocketAddress> serverReflexive() {
        return gatherer.serverReflexive();
    }

    /**
     * Allocates a relayed address on a TURN server (credentials from signalling's {@code welcome}),
     * replacing any previous one; gatherings after it completes offer a {@code RELAY} candidate, and a
     * path through it reports {@link Path.Kind#RELAYED}. Fails with a {@link dev.p2pchat.traversal.turn.TurnException}.
     */
    public CompletableFuture<RelayedEndpoint> useRelay(TurnCredentials credentials) {
        return relay.allocate(credentials);
    }

    /**
     * How far apart the relay allocation's keepalives go: the tuned spacing once the NAT was shown to keep
     * idle mappings that long (wider on most NATs, narrower on one that forgets within 20 s), the TURN
     * default of 15 s before. The allocation hangs on the NAT mapping just as the paths do.
     */
    private Duration relayKeepalive() {
        return tuner.provenIdle().isPositive() ? tuner.interval() : TurnTiming.DEFAULTS.keepalive();
    }

    /** The relay's TURN counters (keepalives, refreshes...), while there is an allocation or one is being made. */
    public Optional<TurnClientStats> relayStats() {
        return relay.stats();
    }

    /** Whether a relay allocation stands or is being made (false: none was asked for, or it failed or was lost). */
    public boolean relayStands() {
        return relay.relayed().isPresent() || !relay.allocation().isDone();
    }

    /** The STUN client on the shared endpoint, for layers that speak STUN/TURN through it. */
    public StunClient stunClient() {
        return stun;
    }

    /** The shared endpoint's bound address. */
    public InetSocketAddress localAddress() {
        return endpoint.localAddress();
    }

    /**
     * The shared endpoint's demultiplexer, where the relay (TURN) layer registers for
     * {@link PacketClass#CHANNEL_DATA} and reads drop counters.
     */
    public Demultiplexer demultiplexer() {
        return demux;
    }

    /** The shared endpoint itself, for layers that send on it (TURN). */
    public DatagramEndpoint endpoint() {
        return endpoint;
    }

    /**
     * The current spacing of keepalives on selected paths (and of STUN keepalives, when wider than the
     * configured one): {@link AgentConfig#keepaliveInterval()} until the NAT's mapping lifetime has been
     * measured longer (see docs/architecture.md, "Keepalive tuned to the NAT").
     */
    public Duration keepaliveInterval() {
        return tuner.interval();
    }

    /** The longest idle time the NAT was seen to keep a mapping; zero until measured. */
    public Duration provenMappingLifetime() {
        return tuner.provenIdle();
    }

    public AgentCounters counters() {
        return counters;
    }

    /**
     * Closes the endpoint at once, then (on the loop, if it still runs) every connection: their paths
     * report dead.
     */
    @Override
    public void close() {
        relay.close();
        endpoint.close();
        loop.execute(() -> {
            for (Connection c : List.copyOf(connections.values())) {
                c.close("agent closed", true);
            }
            gatherer.stop();
            tuner.stop();
            gathered.values().stream().map(Gathered::socket).filter(sk -> sk != endpoint).forEach(DatagramEndpoint::close);
        });
    }

    DatagramNetwork network() {
        return network;
    }

    TaskLoop loop() {
        return loop;
    }

    AgentConfig config() {
        return config;
    }

    RandomGenerator random() {
        return random;
    }

    /** A path was lost or an attempt failed: the next gatherings use fresh ports. */
    void pathLost() {
        lastLoss = loop.now();
    }

    /**
     * A STUN answer showed our public address changed: what was learnt about the NAT no longer holds, the
     * relay allocation (bound to the old address) is made again, and paths that went with the old mapping
     * end (see {@link Connection#mappingChanged}).
     */
    void mappingChanged() {
        mappingChangedAt = loop.now();
        tuner.restart();
        relay.reallocate();
        for (Connection c : List.copyOf(connections.values())) {
            c.mappingChanged();
        }
    }

    /** Whether a STUN answer showed our public address change after {@code time}. */
    boolean mappingChangedSince(Instant time) {
        return mappingChangedAt != null && mappingChangedAt.isAfter(time);
    }

    /**
     * A path is in doubt: asks the STUN servers at once where our NAT maps us, at most once a second.
     * A changed answer calls {@link #mappingChanged}.
     */
    void checkMapping() {
        Instant now = loop.now();
        if (mappingChecked != null && now.isBefore(mappingChecked.plus(MAPPING_CHECK_SPACING))) {
            return;
        }
        mappingChecked = now;
        gatherer.checkMapping();
    }

    AgentRelay relay() {
        return relay;
    }

    void pathSelected(Connection c, InetSocketAddress remote) {
        Connection previous = paths.put(remote, c);
        if (previous != null && previous != c) {
            previous.close("replaced by a new connection to " + remote, true);
            paths.put(remote, c);
        }
    }

    void pathMoved(Connection c, InetSocketAddress from, InetSocketAddress to) {
        paths.remove(from, c);
        pathSelected(c, to);
    }

    /** The connection ended: its credentials and every peer address routed to it go. */
    void forget(Connection c) {
        connections.remove(c.ufrag(), c);
        paths.values().removeIf(owner -> owner == c);
    }

    /** Low-TTL PRIMEs from {@code socket} toward every candidate of the peer: our NAT's mapping toward it, no trace at its NAT. */
    void prime(PeerDescription remote, DatagramEndpoint socket) {
        if (config.primingTtl() == 0) {
            return;
        }
        byte[] prime = CheckFrameCodec.encodePrime();
        for (Candidate c : remote.candidates()) {
            socket.send(c.address(), prime, config.primingTtl());
        }
    }

    /**
     * A p2p datagram that arrived on {@code via}: the shared endpoint, or a connection's extra socket;
     * {@code viaRelay} when it came through our own relay.
     */
    void onP2p(Datagram d, DatagramEndpoint via, boolean viaRelay) {
        int type = d.firstByte();
        if (!FrameType.isCheck(type)) {
            Connection c = paths.get(d.source());
            if (c == null) {
                counters.unroutedFrames.incrementAndGet();
            } else {
                c.onPayload(d.source(), d.data(), viaRelay);
            }
            return;
        }
        try {
            switch (CheckFrameCodec.decode(d.data(), u -> keyOf(u))) {
                case CheckFrame.Ping p -> connections.get(p.receiver()).onPing(d.source(), p, via, viaRelay);
                case CheckFrame.Pong p -> connections.get(p.receiver()).onPong(d.source(), p, via, viaRelay);
                case CheckFrame.Prime p -> counters.primesIgnored.incrementAndGet();
            }
        } catch (FrameException e) {
            countDrop(e, d.source());
        }
    }

    private void countDrop(FrameException e, InetSocketAddress source) {
        switch (e) {
            case FrameException.Malformed m -> counters.malformed.incrementAndGet();
            case FrameException.UnknownReceiver u -> counters.unknownReceiver.incrementAndGet();
            case FrameException.BadTag b -> {
                counters.badTag.incrementAndGet();
                LOG.log(System.Logger.Level.DEBUG, "bad tag from " + source);
            }
        }
    }

    private dev.p2pchat.protocol.frame.CheckKey keyOf(Ufrag ufrag) {
        Connection c = connections.get(ufrag);
        return c == null ? null : c.key();
    }
}
