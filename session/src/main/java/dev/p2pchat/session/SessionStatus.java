package dev.p2pchat.session;

import dev.p2pchat.protocol.reliable.StreamStats;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * What the status line shows about a session, as of the end of its latest loop task.
 *
 * @param srtt the stream's smoothed RTT, once measured
 * @param pathRtt the round trip of the path's latest answered keepalive, once there was one
 * @param stream the current stream's counters (they restart when the peer does)
 */
public record SessionStatus(SessionState state, PathKind pathKind, InetSocketAddress remote,
                            Optional<Duration> srtt, Optional<Duration> pathRtt, Duration rto,
                            SessionCounters counters, StreamStats stream) {

    /** The round trip to show: the path's latest keepalive (fresh while idle), else the stream's estimate. */
    public Optional<Duration> rtt() {
        return pathRtt.or(() -> srtt);
    }
}
