package dev.p2pchat.traversal.net;

import java.net.InetSocketAddress;
import java.util.Objects;

/** One received UDP datagram: where it came from and its bytes (owned by the receiver). */
public record Datagram(InetSocketAddress source, byte[] data) {
    public Datagram {
        Objects.requireNonNull(source);
        Objects.requireNonNull(data);
    }

    /** The first byte as 0–255, or -1 for an empty datagram. */
    public int firstByte() {
        return data.length == 0 ? -1 : data[0] & 0xFF;
    }
}
