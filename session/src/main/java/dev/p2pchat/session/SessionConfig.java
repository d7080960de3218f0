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
 * @param idlePing  while idle, a stream PING this often keeps the RTT on the status line fresh
 */
public record SessionConfig(StreamConfig stream, RekeyPolicy rekey, Duration tick, Duration idlePing) {

    public SessionConfig {
        if (!tick.isPositive() || !idlePing.isPositive()) {
            throw new IllegalArgumentException("tick and idlePing must be positive");
        }
    }

    public static SessionConfig defaults() {
        return new SessionConfig(StreamConfig.defaults(), RekeyPolicy.STANDARD, Duration.ofSeconds(1),
                Duration.ofSeconds(25));
    }

    public SessionConfig withRekey(RekeyPolicy policy) {
        return new SessionConfig(stream, policy, tick, idlePing);
    }

    public SessionConfig withStream(StreamConfig config) {
        return new SessionConfig(config, rekey, tick, idlePing);
    }
}
