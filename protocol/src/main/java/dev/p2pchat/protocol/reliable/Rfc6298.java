package dev.p2pchat.protocol.reliable;

import java.time.Duration;

/**
 * Constants of RFC 6298, "Computing TCP's Retransmission Timer", and of the neighbouring RFCs the
 * retransmission logic borrows from. Our own choices (which may deviate, with reasons) live in
 * {@link StreamConfig}.
 */
public final class Rfc6298 {
    private Rfc6298() {}

    /** §2.1: until an RTT sample is made, RTO is 1 second. */
    public static final Duration INITIAL_RTO = Duration.ofSeconds(1);

    /** §2.3: SRTT gain alpha = 1/8, applied as a right shift by 3. */
    public static final int ALPHA_SHIFT = 3;

    /** §2.3: RTTVAR gain beta = 1/4, applied as a right shift by 2. */
    public static final int BETA_SHIFT = 2;

    /** §2.2: RTO = SRTT + max(G, K*RTTVAR) with K = 4. */
    public static final int K = 4;

    /** §2.4: "RTO SHOULD be rounded up to 1 second" when below it (we deviate; see StreamConfig). */
    public static final Duration RECOMMENDED_MIN_RTO = Duration.ofSeconds(1);

    /** §2.5: a maximum MAY be placed on RTO provided it is at least 60 seconds. */
    public static final Duration MAX_RTO_FLOOR = Duration.ofSeconds(60);

    /**
     * §2.2 "G": clock granularity. Our clock has nanosecond resolution; 1 ms is the timer granularity
     * RFC 9002 §6.1.2 (kGranularity) assumes for a user-space protocol.
     */
    public static final Duration CLOCK_GRANULARITY = Duration.ofMillis(1);

    /** RFC 6675 §2 DupThresh (and RFC 9002 §6.1.1 kPacketThreshold): 3 later segments mean a loss. */
    public static final int DUP_THRESHOLD = 3;
}
