package dev.p2pchat.protocol.reliable;

/** Sizes and codes of this project's stream frames (layout in {@code package-info.java}). */
public final class StreamWire {
    private StreamWire() {}

    public static final int KIND_PADDING = 0x00;
    public static final int KIND_DATA = 0x01;
    public static final int KIND_ACK = 0x02;
    public static final int KIND_PING = 0x03;
    public static final int KIND_PONG = 0x04;
    public static final int KIND_CLOSE = 0x05;

    /** DATA flag: this fragment is the last one of its message. */
    public static final int FLAG_END = 0x01;

    /** kind 1 + seq 8 + message id 16 + flags 1 + length 2. */
    public static final int DATA_HEADER_BYTES = 28;
    /** kind 1 + cumulative 8 + ack delay 4 + range count 1. */
    public static final int ACK_FIXED_BYTES = 14;
    /** first 8 + last 8. */
    public static final int SACK_RANGE_BYTES = 16;
    /** kind 1 + token 8. */
    public static final int PING_BYTES = 9;
    /** kind 1 + reason 1. */
    public static final int CLOSE_BYTES = 2;

    /** Most SACK ranges one ACK may carry: 16 ranges keep an ACK within 270 bytes. */
    public static final int MAX_SACK_RANGES = 16;
    public static final int MAX_ACK_BYTES = ACK_FIXED_BYTES + MAX_SACK_RANGES * SACK_RANGE_BYTES;

    /**
     * Largest plaintext packet a peer may send. The default budget ({@link StreamConfig}) is smaller;
     * this is the hard limit a decoder enforces whatever the configuration.
     */
    public static final int MAX_PACKET_BYTES = 1400;
    /** Largest payload a DATA frame may declare. */
    public static final int MAX_DATA_PAYLOAD = MAX_PACKET_BYTES - DATA_HEADER_BYTES;

    /** The ack delay field is a u32 count of microseconds; larger delays are sent saturated. */
    public static final long MAX_ACK_DELAY_MICROS = 0xFFFF_FFFFL;
}
