package dev.p2pchat.traversal.stun;

import dev.p2pchat.protocol.stun.AddressAttribute;
import dev.p2pchat.protocol.stun.ErrorAttribute;
import dev.p2pchat.protocol.stun.Stun;
import dev.p2pchat.protocol.stun.StunAttribute;
import dev.p2pchat.protocol.stun.StunClass;
import dev.p2pchat.protocol.stun.StunMessage;
import dev.p2pchat.protocol.stun.StunMessageType;
import dev.p2pchat.protocol.stun.StunParseException;
import dev.p2pchat.protocol.stun.TransactionId;
import dev.p2pchat.traversal.loop.Cancellable;
import dev.p2pchat.traversal.loop.TaskLoop;
import dev.p2pchat.traversal.net.Datagram;
import dev.p2pchat.traversal.net.DatagramEndpoint;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.random.RandomGenerator;

/**
 * STUN client transactions on a shared endpoint (RFC 8489 §6.2.1): a request is retransmitted on the
 * {@link StunTiming} schedule until a response with its transaction id arrives or the schedule runs out.
 * Responses are matched by transaction id only — after a CHANGE-REQUEST they come from another address.
 * The transaction table lives on the loop; {@link #onDatagram} must be called there.
 */
public final class StunClient {
    private final DatagramEndpoint endpoint;
    private final TaskLoop loop;
    private final RandomGenerator random;
    private final StunTiming timing;
    private final Map<TransactionId, Transaction> pending = new HashMap<>();
    private final AtomicLong dropped = new AtomicLong();
    private BiConsumer<StunMessage, InetSocketAddress> requestListener = (m, from) -> dropped.incrementAndGet();

    private final class Transaction {
        final InetSocketAddress server;
        final byte[] bytes;
        final CompletableFuture<StunResult> result = new CompletableFuture<>();
        int sends;
        Cancellable timer = Cancellable.NONE;

        Transaction(InetSocketAddress server, byte[] bytes) {
            this.server = server;
            this.bytes = bytes;
        }
    }

    public StunClient(DatagramEndpoint endpoint, TaskLoop loop, RandomGenerator random, StunTiming timing) {
        this.endpoint = endpoint;
        this.loop = loop;
        this.random = random;
        this.timing = timing;
    }

    /** A Binding request with {@code attributes} (e.g. CHANGE-REQUEST) to {@code server}. */
    public CompletableFuture<StunResult> binding(InetSocketAddress server, StunAttribute... attributes) {
        TransactionId tx = TransactionId.random(random);
        return request(server, StunMessage.of(StunMessageType.BINDING_REQUEST, tx, attributes));
    }

    /** Runs one transaction; the future completes on the loop. */
    public CompletableFuture<StunResult> request(InetSocketAddress server, StunMessage request) {
        Transaction t = new Transaction(server, Stun.encode(request));
        loop.execute(() -> {
            pending.put(request.transactionId(), t);
            send(request.transactionId(), t);
        });
        return t.result;
    }

    /** A Binding indication: refreshes NAT bindings toward the server, expects no answer (RFC 8489 §3). */
    public void indication(InetSocketAddress server) {
        TransactionId tx = TransactionId.random(random);
        endpoint.send(server, Stun.encode(StunMessage.of(StunMessageType.BINDING_INDICATION, tx)));
    }

    /** Who gets STUN requests that arrive at this endpoint (the NAT probe's hairpin test); default: drop. */
    public void onRequest(BiConsumer<StunMessage, InetSocketAddress> listener) {
        this.requestListener = listener;
    }

    /** Feeds one STUN datagram (first byte 0–3) to the client; on the loop. */
    public void onDatagram(Datagram d) {
        StunMessage m;
        try {
            m = Stun.decode(d.data());
        } catch (StunParseException e) {
            dropped.incrementAndGet();
            return;
        }
        StunClass c = m.type().messageClass();
        if (c == StunClass.REQUEST) {
            requestListener.accept(m, d.source());
            return;
        }
        Transaction t = c.isResponse() ? pending.remove(m.transactionId()) : null;
        if (t == null) {
            dropped.incrementAndGet();
            return;
        }
        t.timer.cancel();
        t.result.complete(resultOf(m, d.source()));
    }

    /** Datagrams that were not STUN, not answers to a pending transaction, or not wanted. */
    public long dropped() {
        return dropped.get();
    }

    /** Fails every pending transaction as timed out (the endpoint is going away). */
    public void close() {
        for (Transaction t : pending.values()) {
            t.timer.cancel();
            t.result.complete(new StunResult.Timeout(t.server, t.sends));
        }
        pending.clear();
    }

    private void send(TransactionId tx, Transaction t) {
        if (t.result.isDone()) {
            return;
        }
        endpoint.send(t.server, t.bytes);
        t.sends++;
        if (t.sends < timing.rc()) {
            t.timer = loop.schedule(timing.intervalBefore(t.sends + 1), () -> send(tx, t));
        } else {
            t.timer = loop.schedule(timing.finalWait(), () -> {
                if (pending.remove(tx, t)) {
                    t.result.complete(new StunResult.Timeout(t.server, t.sends));
                }
            });
        }
    }

    private static StunResult resultOf(StunMessage m, InetSocketAddress source) {
        if (m.type().messageClass() == StunClass.ERROR_RESPONSE) {
            return m.first(ErrorAttribute.ErrorCode.class)
                    .map(e -> (StunResult) new StunResult.Error(e.code(), e.reason(), m))
                    .orElseGet(() -> new StunResult.Error(0, "error response without ERROR-CODE", m));
        }
        Optional<InetSocketAddress> mapped = m.first(AddressAttribute.XorMappedAddress.class)
                .map(AddressAttribute::address)
                .or(() -> m.first(AddressAttribute.MappedAddress.class).map(AddressAttribute::address));
        return new StunResult.Success(m, source, mapped);
    }
}
