package dev.p2pchat.traversal.turn;

import static dev.p2pchat.protocol.stun.StunConstants.METHOD_CHANNEL_BIND;
import static dev.p2pchat.protocol.stun.StunConstants.METHOD_CREATE_PERMISSION;
import static dev.p2pchat.protocol.stun.StunConstants.METHOD_SEND;

import dev.p2pchat.protocol.stun.AddressAttribute;
import dev.p2pchat.protocol.stun.Stun;
import dev.p2pchat.protocol.stun.StunAttribute;
import dev.p2pchat.protocol.stun.StunClass;
import dev.p2pchat.protocol.stun.StunMessage;
import dev.p2pchat.protocol.stun.StunMessageType;
import dev.p2pchat.protocol.stun.TransactionId;
import dev.p2pchat.protocol.stun.TurnAttribute;
import dev.p2pchat.protocol.turn.ChannelData;
import dev.p2pchat.protocol.turn.ChannelDataCodec;
import dev.p2pchat.protocol.turn.TurnConstants;
import dev.p2pchat.traversal.loop.Cancellable;
import dev.p2pchat.traversal.loop.TaskLoop;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

/**
 * The peers of one allocation: a permission per peer IP (RFC 8656 §9) and a channel per peer transport
 * address (§12), and how a datagram to a peer leaves — queued until the permission is installed, then
 * as a Send indication, and as ChannelData once the channel is bound.
 *
 * <p>A peer is kept alive while it is in use: a permission or channel is refreshed before it expires
 * if traffic went either way since the last refresh, or if the permission was pinned with {@link
 * #permit}. An unused one lapses on the server; the client keeps the channel number for that peer, so
 * a later bind never conflicts with the server's 5-minute reuse rule. On the loop only.
 */
final class PeerTable {
    /** Datagrams held per peer IP while its permission is being installed; more are dropped. */
    static final int MAX_QUEUED = 32;
    /** After a refused ChannelBind, Send indications carry the peer's data this long before binding is tried again. */
    static final Duration CHANNEL_RETRY = Duration.ofSeconds(30);

    /** Issues an authenticated request; the future completes on the loop. */
    @FunctionalInterface
    interface Requester {
        CompletableFuture<StunMessage> request(int method, List<StunAttribute> attributes);
    }

    private static final class Permission {
        final InetAddress ip;
        boolean pinned;
        boolean used;
        boolean requesting;
        Instant until = Instant.MIN;
        Cancellable refresh = Cancellable.NONE;
        final ArrayDeque<Queued> queue = new ArrayDeque<>();

        Permission(InetAddress ip) {
            this.ip = ip;
        }
    }

    private record Queued(InetSocketAddress peer, byte[] data) {}

    private static final class Channel {
        final int number;
        final InetSocketAddress peer;
        boolean used;
        boolean binding;
        Instant until = Instant.MIN;
        Instant retryAfter = Instant.MIN;
        Cancellable refresh = Cancellable.NONE;

        Channel(int number, InetSocketAddress peer) {
            this.number = number;
            this.peer = peer;
        }
    }

    private final Requester requester;
    private final ToServer link;
    private final TaskLoop loop;
    private final RandomGenerator random;
    private final TurnClientStats stats;
    private final Map<InetAddress, Permission> permissions = new HashMap<>();
    private final Map<InetSocketAddress, Channel> byPeer = new HashMap<>();
    private final Map<Integer, Channel> byNumber = new HashMap<>();
    private int nextChannel = TurnConstants.MIN_CHANNEL;

    PeerTable(Requester requester, ToServer link, TaskLoop loop, RandomGenerator random, TurnClientStats stats) {
        this.requester = requester;
        this.link = link;
        this.loop = loop;
        this.random = random;
        this.stats = stats;
    }

    /** Installs a permission for {@code ip} and keeps it until {@link #forget}: inbound traffic from it may come first. */
    void permit(InetAddress ip) {
        Permission p = permission(ip);
        p.pinned = true;
        ensureInstalled(p);
    }

    /** Stops keeping {@code ip}'s permission alive; it lapses unless traffic keeps it in use. */
    void forget(InetAddress ip) {
        Permission p = permissions.get(ip);
        if (p != null) {
            p.pinned = false;
        }
    }

    /** Sends {@code data} to {@code peer} through the relay. */
    void send(InetSocketAddress peer, byte[] data) {
        Instant now = loop.now();
        Permission p = permission(peer.getAddress());
        p.used = true;
        if (!now.isBefore(p.until)) {
            if (p.queue.size() >= MAX_QUEUED) {
                stats.queueOverflow++;
            } else {
                p.queue.add(new Queued(peer, data));
            }
            ensureInstalled(p);
            return;
        }
        Channel c = channel(peer);
        if (c != null) {
            c.used = true;
            if (!now.isBefore(c.until) && !c.binding && !now.isBefore(c.retryAfter)) {
                bind(c);
            }
        }
        if (c != null && now.isBefore(c.until)) {
            link.send(ChannelDataCodec.encode(new ChannelData(c.number, data), false));
            stats.sentChannelData++;
        } else {
            link.send(Stun.encode(sendIndication(peer, data)));
            stats.sentIndications++;
        }
    }

    /** A Data indication's peer and payload arrived: mark the peer used. */
    void received(InetSocketAddress peer) {
        Permission p = permissions.get(peer.getAddress());
        if (p != null) {
            p.used = true;
        }
        Channel c = byPeer.get(peer);
        if (c != null) {
            c.used = true;
        }
    }

    /** The peer behind a channel number we bound (or are binding). */
    Optional<InetSocketAddress> peerOf(int channel) {
        Channel c = byNumber.get(channel);
        return c == null ? Optional.empty() : Optional.of(c.peer);
    }

    /** Stops every refresh; queued datagrams are dropped. */
    void close() {
        for (Permission p : permissions.values()) {
            p.refresh.cancel();
            stats.queueOverflow += p.queue.size();
            p.queue.clear();
        }
        byPeer.values().forEach(c -> c.refresh.cancel());
        permissions.clear();
    }

    private Permission permission(InetAddress ip) {
        return permissions.computeIfAbsent(ip, Permission::new);
    }

    private void ensureInstalled(Permission p) {
        if (!loop.now().isBefore(p.until)) {
            request(p);
        }
    }

    /** CreatePermission for {@code p}: to install it, or to refresh it before it lapses. */
    private void request(Permission p) {
        if (p.requesting) {
            return;
        }
        p.requesting = true;
        var peer = new AddressAttribute.XorPeerAddress(new InetSocketAddress(p.ip, 0));
        requester.request(METHOD_CREATE_PERMISSION, List.of(peer)).whenComplete((ok, failed) -> {
            p.requesting = false;
            if (failed == null) {
                installed(p, loop.now());
            } else {
                stats.permissionFailures++;
                stats.queueOverflow += p.queue.size();
                p.queue.clear();
            }
        });
    }

    private void installed(Permission p, Instant now) {
        p.until = now.plus(TurnConstants.PERMISSION_LIFETIME);
        p.refresh.cancel();
        p.used = false;
        p.refresh = loop.schedule(TurnTiming.PERMISSION_REFRESH, () -> refresh(p));
        while (!p.queue.isEmpty()) {
            Queued q = p.queue.poll();
            send(q.peer(), q.data());
        }
    }

    private void refresh(Permission p) {
        if (permissions.get(p.ip) == p && (p.pinned || p.used)) {
            request(p);
        }
    }

    private Channel channel(InetSocketAddress peer) {
        Channel c = byPeer.get(peer);
        if (c == null && nextChannel <= TurnConstants.MAX_CHANNEL) {
            c = new Channel(nextChannel++, peer);
            byPeer.put(peer, c);
            byNumber.put(c.number, c);
        }
        return c;
    }

    private void bind(Channel c) {
        c.binding = true;
        requester.request(METHOD_CHANNEL_BIND, List.of(new TurnAttribute.ChannelNumber(c.number), new AddressAttribute.XorPeerAddress(c.peer)))
                .whenComplete((ok, failed) -> {
                    c.binding = false;
                    Instant now = loop.now();
                    if (failed != null) {
                        stats.channelFailures++;
                        c.retryAfter = now.plus(CHANNEL_RETRY);
                        return;
                    }
                    c.until = now.plus(TurnConstants.CHANNEL_LIFETIME);
                    c.used = false;
                    c.refresh.cancel();
                    c.refresh = loop.schedule(TurnTiming.CHANNEL_REFRESH, () -> {
                        if (c.used && !c.binding) {
                            bind(c);
                        }
                    });
                    Permission p = permissions.get(c.peer.getAddress());
                    if (p != null && p.until.isBefore(now.plus(TurnConstants.PERMISSION_LIFETIME))) {
                        p.until = now.plus(TurnConstants.PERMISSION_LIFETIME); // the bind refreshed it on the server too
                    }
                });
    }

    private StunMessage sendIndication(InetSocketAddress peer, byte[] data) {
        return StunMessage.of(new StunMessageType(METHOD_SEND, StunClass.INDICATION), TransactionId.random(random),
                new AddressAttribute.XorPeerAddress(peer), new TurnAttribute.Data(data));
    }
}
