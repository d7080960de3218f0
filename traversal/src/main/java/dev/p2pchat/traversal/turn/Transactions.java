package dev.p2pchat.traversal.turn;

import dev.p2pchat.protocol.stun.StunMessage;
import dev.p2pchat.protocol.stun.TransactionId;
import dev.p2pchat.traversal.loop.Cancellable;
import dev.p2pchat.traversal.loop.TaskLoop;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiPredicate;

/**
 * Client transactions with one TURN server over the shared endpoint (RFC 8489 §6.2.1): retransmitted
 * on {@link TurnTiming}'s schedule until an acceptable response with the transaction id arrives. A
 * response that fails the transaction's check (integrity) is ignored, and the retransmissions go on.
 * Everything runs on the loop.
 */
final class Transactions {

    /** A response as decoded and as received (for integrity checks). */
    record Response(StunMessage message, byte[] datagram) {}

    private final class Pending {
        final byte[] bytes;
        final BiPredicate<StunMessage, byte[]> accept;
        final CompletableFuture<Response> result = new CompletableFuture<>();
        int sends;
        Cancellable timer = Cancellable.NONE;

        Pending(byte[] bytes, BiPredicate<StunMessage, byte[]> accept) {
            this.bytes = bytes;
            this.accept = accept;
        }
    }

    private final ToServer link;
    private final TaskLoop loop;
    private final TurnTiming timing;
    private final Map<TransactionId, Pending> pending = new HashMap<>();
    private long rejected;

    Transactions(ToServer link, TaskLoop loop, TurnTiming timing) {
        this.link = link;
        this.loop = loop;
        this.timing = timing;
    }

    /**
     * Sends {@code request} (already encoded as {@code bytes}); the future completes on the loop with the
     * first response {@code accept} takes, or fails with a {@link TurnException} carrying a timeout.
     */
    CompletableFuture<Response> start(StunMessage request, byte[] bytes, BiPredicate<StunMessage, byte[]> accept) {
        Pending p = new Pending(bytes, accept);
        pending.put(request.transactionId(), p);
        transmit(request.transactionId(), p);
        return p.result;
    }

    /** Whether {@code response} belongs to a pending transaction (then it is consumed). */
    boolean offer(StunMessage response, byte[] datagram) {
        Pending p = pending.get(response.transactionId());
        if (p == null) {
            return false;
        }
        if (!p.accept.test(response, datagram)) {
            rejected++;
            return true;
        }
        pending.remove(response.transactionId());
        p.timer.cancel();
        p.result.complete(new Response(response, datagram));
        return true;
    }

    /** Responses dropped because they failed their check (a forged or corrupted answer). */
    long rejected() {
        return rejected;
    }

    /** Fails everything pending (the client is closing). */
    void failAll(TurnError error) {
        for (Pending p : pending.values()) {
            p.timer.cancel();
            p.result.completeExceptionally(new TurnException(error));
        }
        pending.clear();
    }

    private void transmit(TransactionId id, Pending p) {
        if (p.result.isDone()) {
            return;
        }
        link.send(p.bytes);
        p.sends++;
        if (p.sends < timing.rc()) {
            p.timer = loop.schedule(timing.intervalBefore(p.sends + 1), () -> transmit(id, p));
        } else {
            p.timer = loop.schedule(timing.finalWait(), () -> {
                if (pending.remove(id, p)) {
                    p.result.completeExceptionally(new TurnException(new TurnError.Timeout(link.server(), p.sends)));
                }
            });
        }
    }
}
