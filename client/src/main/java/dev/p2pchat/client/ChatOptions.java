package dev.p2pchat.client;

import dev.p2pchat.client.signalling.SignallingOptions;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.random.RandomGenerator;

/**
 * Settings of a {@link ChatClient}; time and randomness are parameters for tests.
 *
 * @param server the rendezvous server, {@code http://HOST:5000}
 * @param acceptAll accept every incoming chat request without asking ({@code --accept-all})
 * @param answerTimeout how long an offer waits for the peer's answer
 * @param connectTimeout how long checks and handshake may take once both descriptions are known
 * @param retryDelay first delay before reconnecting to a wanted peer; doubles per failure, up to 60 s
 */
public record ChatOptions(
    URI server,
    boolean acceptAll,
    Duration answerTimeout,
    Duration connectTimeout,
    Duration retryDelay,
    SignallingOptions signalling,
    InstantSource clock,
    RandomGenerator random) {

  public static ChatOptions defaults(URI server) {
    return new ChatOptions(server, false, Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(2),
        SignallingOptions.defaults(), InstantSource.system(), new SecureRandom());
  }

  public ChatOptions withAcceptAll(boolean value) {
    return new ChatOptions(server, value, answerTimeout, connectTimeout, retryDelay, signalling, clock, random);
  }

  public ChatOptions withSignalling(SignallingOptions value) {
    return new ChatOptions(server, acceptAll, answerTimeout, connectTimeout, retryDelay, value, clock, random);
  }

  public ChatOptions withTimeouts(Duration answer, Duration connect, Duration retry) {
    return new ChatOptions(server, acceptAll, answer, connect, retry, signalling, clock, random);
  }
}
