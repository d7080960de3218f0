package dev.p2pchat.session;

import dev.p2pchat.protocol.reliable.StreamStats;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * What the status line shows about a session, as of the end of its latest loop task.
 *
 * @param srtt the stream's smoothed RTT, once measured
 * @param stream the current stream's counters (they restart when the peer does)
 */
public record SessionStatus(SessionState state, PathKind pathKind, InetSocketAddress remote,
                            Optional<Duration> srtt, Duration rto, SessionCounters counters, StreamStats stream) {
}
