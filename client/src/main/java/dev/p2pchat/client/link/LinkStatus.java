package dev.p2pchat.client.link;

import dev.p2pchat.client.event.PathKind;
import java.time.Duration;
import java.util.Optional;

/** What the status line shows about a link: the path and the smoothed round-trip time. */
public record LinkStatus(boolean established, Optional<PathKind> path, Optional<String> remote, Optional<Duration> rtt) {
  public static LinkStatus connecting() {
    return new LinkStatus(false, Optional.empty(), Optional.empty(), Optional.empty());
  }
}
