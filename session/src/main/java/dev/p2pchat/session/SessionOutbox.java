package dev.p2pchat.session;

import dev.p2pchat.protocol.reliable.MessageId;
import dev.p2pchat.protocol.reliable.ReliableStream;
import dev.p2pchat.protocol.reliable.SendResult;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;

/**
 * The messages a session was given and the peer has not acknowledged, in sending order. The stream holds
 * only what fits its queue; the rest waits here ({@code QUEUE_FULL}) and is offered again after each
 * acknowledgement, in order. When the peer restarts, a fresh stream gets every unacknowledged message
 * again; the peer's {@code DeliveredIds} makes that exactly-once.
 */
final class SessionOutbox {
    private final SequencedMap<MessageId, byte[]> unacknowledged = new LinkedHashMap<>();
    private final Deque<MessageId> backlog = new ArrayDeque<>();

    /** Adds a message and offers it (and anything waiting before it) to {@code stream}. */
    List<MessageId> add(MessageId id, byte[] payload, ReliableStream stream) {
        if (unacknowledged.putIfAbsent(id, payload.clone()) != null) {
            return List.of(); // the same message twice: it is already on its way
        }
        backlog.addLast(id);
        return offer(stream);
    }

    /** The peer has {@code id}: forget it, and offer what waited for room. */
    List<MessageId> acknowledged(MessageId id, ReliableStream stream) {
        unacknowledged.remove(id);
        return offer(stream);
    }

    /** A fresh stream (the peer restarted): every unacknowledged message goes into it again, in order. */
    List<MessageId> restart(ReliableStream stream) {
        backlog.clear();
        backlog.addAll(unacknowledged.sequencedKeySet());
        return offer(stream);
    }

    /** Offers the backlog in order until the stream is full; returns the ids it refused for good. */
    private List<MessageId> offer(ReliableStream stream) {
        List<MessageId> refused = new ArrayList<>();
        while (!backlog.isEmpty()) {
            MessageId id = backlog.peekFirst();
            SendResult result = stream.send(id, unacknowledged.get(id));
            if (result == SendResult.QUEUE_FULL || result == SendResult.CLOSED) {
                break;
            }
            backlog.removeFirst();
            if (result == SendResult.TOO_LARGE) {
                unacknowledged.remove(id);
                refused.add(id);
            }
        }
        return refused;
    }

    int size() {
        return unacknowledged.size();
    }
}
