package dev.p2pchat.protocol.reliable;

/** An inclusive range of sequence numbers received out of order (RFC 2018's SACK block). */
public record SackRange(long first, long last) {
    public SackRange {
        if (first < 1 || last < first) {
            throw new IllegalArgumentException("bad SACK range [" + first + ", " + last + "]");
        }
    }

    public boolean contains(long seq) {
        return seq >= first && seq <= last;
    }

    public long size() {
        return last - first + 1;
    }
}
