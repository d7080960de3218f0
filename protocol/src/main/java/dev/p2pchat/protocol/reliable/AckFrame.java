package dev.p2pchat.protocol.reliable;

import java.util.List;
import java.util.Optional;

/**
 * Cumulative acknowledgement plus SACK ranges, and how long the receiver held the ACK back after
 * receiving the highest sequence number it covers (RFC 9002 §13.2.5's ack delay), so that the sender
 * can take it out of its RTT sample.
 */
public record AckFrame(long cumulative, long ackDelayMicros, List<SackRange> ranges) implements StreamFrame {
    public AckFrame {
        ranges = List.copyOf(ranges);
        if (ackDelayMicros < 0 || ackDelayMicros > StreamWire.MAX_ACK_DELAY_MICROS) {
            throw new IllegalArgumentException("ack delay out of u32 range: " + ackDelayMicros);
        }
        Optional<DecodeError> problem = check(cumulative, ranges);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get().toString());
        }
    }

    /** The highest sequence number this ACK covers. */
    public long largest() {
        return ranges.isEmpty() ? cumulative : ranges.getFirst().last();
    }

    public boolean covers(long seq) {
        if (seq <= cumulative) {
            return true;
        }
        for (SackRange range : ranges) {
            if (range.contains(seq)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int encodedLength() {
        return StreamWire.ACK_FIXED_BYTES + ranges.size() * StreamWire.SACK_RANGE_BYTES;
    }

    /** Shared by the constructor and the decoder, so a decoded ACK is always a valid one. */
    static Optional<DecodeError> check(long cumulative, List<SackRange> ranges) {
        if (cumulative < 0) {
            return Optional.of(new DecodeError.InvalidSequence(cumulative));
        }
        if (ranges.size() > StreamWire.MAX_SACK_RANGES) {
            return Optional.of(new DecodeError.TooManySackRanges(ranges.size(), StreamWire.MAX_SACK_RANGES));
        }
        // Each range must sit strictly above the next one with a gap between, the last above cumulative + 1.
        for (int i = 0; i < ranges.size(); i++) {
            SackRange range = ranges.get(i);
            long floor = i + 1 < ranges.size() ? ranges.get(i + 1).last() + 1 : cumulative + 1;
            if (range.first() <= floor) {
                return Optional.of(new DecodeError.InvalidSackRange(i, range.first(), range.last()));
            }
        }
        return Optional.empty();
    }
}
