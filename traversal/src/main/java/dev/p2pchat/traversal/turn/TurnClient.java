package dev.p2pchat.traversal.turn;

import static dev.p2pchat.protocol.stun.StunConstants.METHOD_ALLOCATE;
import static dev.p2pchat.protocol.stun.StunConstants.METHOD_DATA;
import static dev.p2pchat.protocol.stun.StunConstants.METHOD_REFRESH;

import dev.p2pchat.protocol.stun.AddressAttribute;
import dev.p2pchat.protocol.stun.Stun;
import dev.p2pchat.protocol.stun.StunAttribute;
import dev.p2pchat.protocol.stun.StunClass;
import dev.p2pchat.protocol.stun.StunConstants;
import dev.p2pchat.protocol.stun.StunMessage;
import dev.p2pchat.protocol.stun.StunMessageType;
import dev.p2pchat.protocol.stun.StunParseException;
import dev.p2pchat.protocol.stun.TransactionId;
import dev.p2pchat.protocol.stun.TurnAttribute;
import dev.p2pchat.protocol.turn.ChannelData;
import dev.p2pchat.protocol.turn.ChannelDataCodec;
import dev.p2pchat.protocol.turn.ChannelDataParseException;
import dev.p2pchat.protocol.turn.RestCredentials;
import dev.p2pchat.protocol.turn.TurnConstants;
import dev.p2pchat.traversal.loop.Cancellable;
import dev.p2pchat.traversal.loop.TaskLoop;
import dev.p2pchat.traversal.net.Datagram;
import dev.p2pchat.traversal.net.DatagramEndpoint;
import dev.p2pchat.traversal.net.DatagramHandler;
import dev.p2pchat.traversal.net.Demultiplexer;
import dev.p2pchat.traversal.net.PacketClass;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * A TURN client (RFC 8656 over UDP) on the client's one shared endpoint. It holds one allocation on
 * one server and offers it as a {@link RelayedEndpoint}: a {@link DatagramEndpoint} whose address is
 * the relayed address and whose datagrams travel through the server.
 *
 * <pre>
 * NEW ──allocate()──▶ ALLOCATING ──success──▶ ALLOCATED ──(refresh at half-life)──▶ ALLOCATED
 *                         │ 401 twice, 486, timeout...       │ close()          │ refresh refused, or
 *                         ▼                                  ▼                  │ no answer until expiry
 *                       CLOSED ◀──────Refresh(0) answered── CLOSING             ▼
 *                         ▲──────────────────────────────────────────────────── CLOSED (onLost)
 * </pre>
 *
 * <p>Wiring: the owner of the endpoint's {@link Demultiplexer} passes every STUN-class datagram to
 * {@link #onStun} first (it takes responses to its own transactions and Data indications from its
 * server, and returns false for anything else, e.g. Binding responses for the STUN client), and
 * ChannelData to {@link #onChannelData} ({@link #registerChannelData} does that). Both run on the
 * {@link TaskLoop}, as does all state here; time is the loop's.
 */
public final class TurnClient {
    /** A 438 (stale nonce) is answered by retrying with the new nonce this often per request. */
    static final int STALE_NONCE_RETRIES = 3;

    /** Where an allocation is; see the class diagram. */
    public enum State { NEW, ALLOCATING, ALLOCATED, CLOSING, CLOSED }

    private final ToServer link;
    private final TaskLoop loop;
    private final TurnTiming timing;
    private final TurnCredentials credentials;
    private final RandomGenerator random;
    private final Transactions transactions;
    private final ClientAuth auth;
    private final TurnClientStats stats = new TurnClientStats();
    private final PeerTable peers;
    private final CompletableFuture<RelayedEndpoint> allocated = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final List<Consumer<TurnError>> lostListeners = new ArrayList<>();
    private State state = State.NEW;
    private RelayedEndpoint relayed;
    private volatile DatagramHandler peerHandler;
    private Instant expiresAt = Instant.MAX;
    private Cancellable refreshTimer = Cancellable.NONE;
    private Cancellable keepaliveTimer = Cancellable.NONE;
    /** The spacing of Binding indications; {@link TurnTiming#keepalive()} unless the owner knows the NAT better. */
    private volatile Supplier<Duration> keepaliveSpacing;

    /**
     * @param endpoint the shared endpoint (requests leave from it, so the server sees the NAT mapping
     *     the chat uses)
     * @param random transaction ids: a SecureRandom outside tests
     */
    public TurnClient(DatagramEndpoint endpoint, TaskLoop loop, TurnCredentials credentials, RandomGenerator random,
                      TurnTiming timing) {
        this.link = new ToServer(endpoint, credentials.server(), loop);
        this.loop = loop;
        this.timing = timing;
        this.credentials = credentials;
        this.random = random;
        this.transactions = new Transactions(link, loop, timing);
        this.auth = new ClientAuth(credentials);
        this.peers = new PeerTable(this::request, link, loop, random, stats);
        this.keepaliveSpacing = timing::keepalive;
    }

    /**
     * Spaces the keepalive Binding indications as {@code spacing} says at each one, instead of the fixed
     * {@link TurnTiming#keepalive()}: for an owner that measured how long its NAT keeps an idle mapping.
     * Any thread.
     */
    public void keepaliveSpacing(Supplier<Duration> spacing) {
        this.keepaliveSpacing = spacing;
    }

    /**
     * Allocates a relayed address (with the 401 dance of RFC 8489 §9.2). The future completes on the
     * loop with the relayed endpoint, or fails with a {@link TurnException}. Call once.
     */
    public CompletableFuture<RelayedEndpoint> allocate() {
        loop.execute(() -> {
            if (state != State.NEW) {
                allocated.completeExceptionally(new IllegalStateException("allocate() was already called"));
                return;
            }
            state = State.ALLOCATING;
            StunMessage first = allocateRequest();
            transactions.start(first, Stun.encode(first), (m, raw) -> true).whenComplete(this::onChallenge);
        });
        return allocated;
    }

    /** Registers {@link #onChannelData} for ChannelData on {@code demux} (through the loop). */
    public void registerChannelData(Demultiplexer demux) {
        demux.register(PacketClass.CHANNEL_DATA, d -> loop.execute(() -> onChannelData(d)));
    }

    /**
     * A STUN-class datagram from the shared endpoint; on the loop. Returns whether it was for this
     * client (a response to its transaction, or a Data indication from its server).
     */
    public boolean onStun(Datagram d) {
        if (!d.source().equals(credentials.server())) {
            return false;
        }
        StunMessage m;
        try {
            m = Stun.decode(d.data());
        } catch (StunParseException e) {
            return false; // the other STUN handler counts junk
        }
        if (m.type().messageClass().isResponse()) {
            return transactions.offer(m, d.data());
        }
        if (m.type().messageClass() == StunClass.INDICATION && m.type().method() == METHOD_DATA) {
            onDataIndication(m);
            return true;
        }
        return false;
    }

    /** A ChannelData datagram; on the loop. Returns whether it came from this client's server. */
    public boolean onChannelData(Datagram d) {
        if (!d.source().equals(credentials.server())) {
            return false;
        }
        ChannelData cd;
        try {
            cd = ChannelDataCodec.decode(d.data(), 0, d.data().length);
        } catch (ChannelDataParseException e) {
            stats.dropped++;
            return true;
        }
        Optional<InetSocketAddress> peer = peers.peerOf(cd.channel());
        if (peer.isEmpty() || state != State.ALLOCATED) {
            stats.dropped++;
            return true;
        }
        stats.receivedChannelData++;
        deliver(peer.get(), cd.data());
        return true;
    }

    /** Called on the loop when the allocation ends for any reason but {@link #close()}. */
    public void onLost(Consumer<TurnError> listener) {
        loop.execute(() -> lostListeners.add(listener));
    }

    /** Deletes the allocation (Refresh with LIFETIME 0); the future completes once the server answered or gave up. */
    public CompletableFuture<Void> close() {
        loop.execute(() -> {
            if (state == State.ALLOCATED) {
                state = State.CLOSING;
                request(METHOD_REFRESH, List.of(new TurnAttribute.Lifetime(0)))
                        .whenComplete((ok, failed) -> end(new TurnError.Closed(), false));
            } else if (state != State.CLOSING) {
                end(new TurnError.Closed(), false);
            }
        });
        return closed;
    }

    /** Where the allocation is now; read it on the loop. */
    public State state() {
        return state;
    }

    public InetSocketAddress server() {
        return credentials.server();
    }

    public TurnClientStats stats() {
        return stats;
    }

    // ---- for RelayedEndpoint ----

    void sendToPeer(InetSocketAddress peer, byte[] data) {
        loop.execute(() -> {
            if (state == State.ALLOCATED) {
                peers.send(peer, data);
            } else {
                stats.queueOverflow++;
            }
        });
    }

    void permit(InetAddress ip) {
        loop.execute(() -> {
            if (state == State.ALLOCATED) {
                peers.permit(ip);
            }
        });
    }

    void forget(InetAddress ip) {
        loop.execute(() -> peers.forget(ip));
    }

    void receive(DatagramHandler handler) {
        peerHandler = handler;
    }

    // ---- allocation ----

    private StunMessage allocateRequest() {
        return StunMessage.of(new StunMessageType(METHOD_ALLOCATE, StunClass.REQUEST), TransactionId.random(random),
                new TurnAttribute.RequestedTransport(StunConstants.TRANSPORT_UDP));
    }

    /** The answer to the unauthenticated Allocate: normally 401 with REALM and NONCE. */
    private void onChallenge(Transactions.Response r, Throwable failed) {
        if (failed != null) {
            failAllocation(errorOf(failed));
            return;
        }
        StunMessage m = r.message();
        int code = ClientAuth.errorCode(m);
        if (code == StunConstants.ERROR_UNAUTHENTICATED && auth.learn(m)) {
            request(METHOD_ALLOCATE, List.of(new TurnAttribute.RequestedTransport(StunConstants.TRANSPORT_UDP)))
                    .whenComplete(this::onAllocated);
        } else if (m.type().messageClass() == StunClass.SUCCESS_RESPONSE) {
            failAllocation(new TurnError.MalformedResponse("the server allocated without authentication"));
        } else {
            failAllocation(new TurnError.Refused(code, ClientAuth.reason(m)));
        }
    }

    private void onAllocated(StunMessage m, Throwable failed) {
        if (failed != null) {
            failAllocation(errorOf(failed));
            return;
        }
        Optional<InetSocketAddress> address = m.first(AddressAttribute.XorRelayedAddress.class).map(AddressAttribute::address);
        if (address.isEmpty()) {
            failAllocation(new TurnError.MalformedResponse("Allocate success without XOR-RELAYED-ADDRESS"));
            return;
        }
        Optional<InetSocketAddress> mapped = m.first(AddressAttribute.XorMappedAddress.class).map(AddressAttribute::address);
        Duration lifetime = lifetimeOf(m);
        if (state != State.ALLOCATING) {
            return; // closed meanwhile: the server's allocation expires by itself
        }
        state = State.ALLOCATED;
        relayed = new RelayedEndpoint(this, address.get(), mapped);
        scheduleRefresh(lifetime);
        scheduleKeepalive();
        allocated.complete(relayed);
    }

    private void failAllocation(TurnError error) {
        allocated.completeExceptionally(new TurnException(error));
        end(error, false);
    }

    private void scheduleRefresh(Duration lifetime) {
        expiresAt = loop.now().plus(lifetime);
        refreshTimer.cancel();
        refreshTimer = loop.schedule(TurnTiming.refreshAfter(lifetime), this::refresh);
    }

    /** A Binding indication (RFC 8489 §3: no answer) when nothing else went to the server for a while. */
    private void scheduleKeepalive() {
        // Due one spacing after the last datagram to the server, not after the last check: a check that
        // found something sent just before would otherwise leave almost two spacings of silence.
        Duration spacing = keepaliveSpacing.get();
        Duration wait = Duration.between(loop.now(), link.lastSent().plus(spacing));
        keepaliveTimer = loop.schedule(wait.isNegative() ? Duration.ZERO : wait, () -> {
            if (state != State.ALLOCATED) {
                return;
            }
            if (!loop.now().isBefore(link.lastSent().plus(spacing))) {
                link.send(Stun.encode(StunMessage.of(StunMessageType.BINDING_INDICATION, TransactionId.random(random))));
                stats.keepalives++;
            }
            scheduleKeepalive();
        });
    }

    private void refresh() {
        if (state != State.ALLOCATED) {
            return;
        }
        long seconds = TurnConstants.DEFAULT_ALLOCATION_LIFETIME.toSeconds();
        request(METHOD_REFRESH, List.of(new TurnAttribute.Lifetime(seconds))).whenComplete((m, failed) -> {
            if (state != State.ALLOCATED) {
                return;
            }
            if (failed == null) {
                stats.refreshes++;
                scheduleRefresh(lifetimeOf(m));
                return;
            }
            TurnError error = errorOf(failed);
            if (error instanceof TurnError.Timeout && loop.now().isBefore(expiresAt)) {
                refresh(); // the allocation still stands: keep trying until it cannot
            } else {
                end(error, true);
            }
        });
    }

    private static Duration lifetimeOf(StunMessage m) {
        return m.first(TurnAttribute.Lifetime.class)
                .map(l -> Duration.ofSeconds(l.seconds()))
                .filter(Duration::isPositive)
                .orElse(TurnConstants.DEFAULT_ALLOCATION_LIFETIME);
    }

    private void end(TurnError why, boolean notify) {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        refreshTimer.cancel();
        keepaliveTimer.cancel();
        peers.close();
        transactions.failAll(why);
        if (notify) {
            lostListeners.forEach(l -> l.accept(why));
        }
        closed.complete(null);
    }

    // ---- authenticated requests ----

    /** An authenticated request, retried on 438; the future fails with a {@link TurnException}. */
    private CompletableFuture<StunMessage> request(int method, List<StunAttribute> attributes) {
        CompletableFuture<StunMessage> result = new CompletableFuture<>();
        attempt(method, attributes, STALE_NONCE_RETRIES, result);
        return result;
    }

    private void attempt(int method, List<StunAttribute> attributes, int retries, CompletableFuture<StunMessage> result) {
        if (state == State.CLOSED || !auth.ready()) {
            result.completeExceptionally(new TurnException(new TurnError.Closed()));
            return;
        }
        var m = new StunMessage(new StunMessageType(method, StunClass.REQUEST), TransactionId.random(random), attributes);
        transactions.start(m, auth.sign(m), auth::verify).whenComplete((r, failed) -> {
            if (failed != null) {
                result.completeExceptionally(failed);
                return;
            }
            StunMessage response = r.message();
            int code = ClientAuth.errorCode(response);
            if (response.type().messageClass() == StunClass.SUCCESS_RESPONSE) {
                result.complete(response);
            } else if (code == StunConstants.ERROR_STALE_NONCE && retries > 0 && auth.learn(response)) {
                attempt(method, attributes, retries - 1, result);
            } else if (code == StunConstants.ERROR_UNAUTHENTICATED) {
                result.completeExceptionally(new TurnException(credentialsError()));
            } else {
                result.completeExceptionally(new TurnException(new TurnError.Refused(code, ClientAuth.reason(response))));
            }
        });
    }

    /** A 401 to signed credentials: expired by our clock, or simply wrong. */
    private TurnError credentialsError() {
        Optional<Instant> expiry = RestCredentials.expiry(credentials.username());
        if (expiry.isPresent() && !loop.now().isBefore(expiry.get())) {
            return new TurnError.CredentialsExpired(credentials.username(), expiry.get());
        }
        return new TurnError.WrongCredentials(credentials.username());
    }

    private static TurnError errorOf(Throwable failed) {
        Throwable t = failed instanceof CompletionException && failed.getCause() != null ? failed.getCause() : failed;
        if (t instanceof TurnException e) {
            return e.error();
        }
        return new TurnError.MalformedResponse(t.toString());
    }

    // ---- inbound ----

    private void onDataIndication(StunMessage m) {
        Optional<InetSocketAddress> peer = m.first(AddressAttribute.XorPeerAddress.class).map(AddressAttribute::address);
        Optional<TurnAttribute.Data> data = m.first(TurnAttribute.Data.class);
        if (peer.isEmpty() || data.isEmpty() || state != State.ALLOCATED) {
            stats.dropped++;
            return;
        }
        stats.receivedIndications++;
        deliver(peer.get(), data.get().value());
    }

    private void deliver(InetSocketAddress peer, byte[] data) {
        peers.received(peer);
        DatagramHandler h = peerHandler;
        if (h == null) {
            stats.dropped++;
            return;
        }
        h.onDatagram(new Datagram(peer, data));
    }
}
