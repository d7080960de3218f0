package dev.p2pchat.session;

import dev.p2pchat.protocol.noise.RekeyPolicy;
import dev.p2pchat.protocol.reliable.StreamConfig;
import java.time.Duration;

/**
 * Tunables of a {@link ChatSession}.
 *
 * @param stream    the reliable stream's windows and timers (both ends should agree)
 * @param rekey     Noise's rekey, expiry and handshake-retry timers; tests shrink them
 * @param tick      how often Noise's timers are checked: its timers are seconds long, so a second is
 *                  fine-grained enough and costs nothing while idle
 *
 * <p>There is no idle PING of the session's own: the path's keepalives, spaced as widely as the NAT
 * allows, already measure the round trip that the status line shows (a stream PING every 25 s cost
 * more packets an hour than the tuned keepalives on a NAT that keeps mappings for two minutes).
 */
public record SessionConfig(StreamConfig stream, RekeyPolicy rekey, Duration tick) {

    public SessionConfig {
        if (!tick.isPositive()) {
            throw new IllegalArgumentException("tick must be positive");
        }
    }

    public static SessionConfig defaults() {
        return new SessionConfig(StreamConfig.defaults(), RekeyPolicy.STANDARD, Duration.ofSeconds(1));
    }

    public SessionConfig withRekey(RekeyPolicy policy) {
        return new SessionConfig(stream, policy, tick);
    }

    public SessionConfig withStream(StreamConfig config) {
        return new SessionConfig(config, rekey, tick);
    }
}
