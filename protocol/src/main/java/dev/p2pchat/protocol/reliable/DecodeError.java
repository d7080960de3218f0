package dev.p2pchat.protocol.reliable;

/** Why a stream packet was rejected; each variant carries the offending values. */
public sealed interface DecodeError {
    /** A frame of {@code kind} needs {@code needed} more bytes where only {@code available} remain. */
    record Truncated(int kind, int needed, int available) implements DecodeError {}

    record UnknownFrameKind(int kind) implements DecodeError {}

    record PacketTooLarge(int length, int max) implements DecodeError {}

    /** A DATA frame declared a payload longer than any packet may carry. */
    record PayloadTooLong(int length, int max) implements DecodeError {}

    /** DATA flag bits that are reserved were set. */
    record ReservedFlags(int flags) implements DecodeError {}

    /** A sequence number that is zero (DATA) or beyond the signed 63-bit range we accept. */
    record InvalidSequence(long sequence) implements DecodeError {}

    record TooManySackRanges(int count, int max) implements DecodeError {}

    /** SACK range {@code index} is empty, overlaps or touches its neighbour, or is not above cumulative + 1. */
    record InvalidSackRange(int index, long first, long last) implements DecodeError {}

    record UnknownCloseReason(int code) implements DecodeError {}
}
