package dev.p2pchat.protocol.reliable;

import java.util.Arrays;

/**
 * Joins the in-order fragments of one message. Bounded by {@code maxMessageBytes}: a message that
 * grows beyond it is discarded to its END fragment, and fragments whose id changes before an END
 * close the previous message as broken. Both only happen with a broken or hostile peer.
 */
final class Reassembly {
    private final int maxMessageBytes;
    private MessageId current;
    private byte[] buffer = new byte[0];
    private int size;
    private boolean discarding;
    private long discarded;

    Reassembly(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    /** Adds the next in-order fragment; returns the whole payload when it was the last one, else null. */
    byte[] append(DataFrame fragment) {
        if (current != null && !current.equals(fragment.messageId())) {
            abandon();
        }
        current = fragment.messageId();
        if (!discarding) {
            if (size + fragment.payloadLength() > maxMessageBytes) {
                abandon();
                current = fragment.messageId();
                discarding = true;
            } else {
                add(fragment.payloadUnsafe());
            }
        }
        if (!fragment.end()) {
            return null;
        }
        byte[] message = discarding ? null : Arrays.copyOf(buffer, size);
        reset();
        return message;
    }

    private void add(byte[] part) {
        if (size + part.length > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.min(maxMessageBytes, Math.max(2 * buffer.length, size + part.length)));
        }
        System.arraycopy(part, 0, buffer, size, part.length);
        size += part.length;
    }

    private void abandon() {
        if (!discarding) {
            discarded++;
        }
        reset();
    }

    private void reset() {
        current = null;
        size = 0;
        discarding = false;
        if (buffer.length > 4096) {
            buffer = new byte[0]; // don't keep a large message's buffer for the small ones that follow
        }
    }

    long discardedMessages() {
        return discarded;
    }

    int bufferedBytes() {
        return size;
    }
}
