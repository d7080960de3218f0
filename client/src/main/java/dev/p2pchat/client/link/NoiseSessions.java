package dev.p2pchat.client.link;

import dev.p2pchat.client.identity.DhKeyPair;
import dev.p2pchat.client.identity.PublicKeys;
import dev.p2pchat.protocol.reliable.DeliveredIds;
import dev.p2pchat.protocol.reliable.InMemoryDeliveredIds;
import dev.p2pchat.protocol.reliable.MessageId;
import dev.p2pchat.session.ChatSession;
import dev.p2pchat.session.SessionConfig;
import dev.p2pchat.session.SessionRole;
import dev.p2pchat.traversal.Path;
import dev.p2pchat.traversal.loop.TaskLoop;
import dev.p2pchat.traversal.loop.ThreadTaskLoop;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * The real {@link SessionOpener}: a {@link ChatSession} (Noise IK with the pinned key, the offerer
 * initiating; then the reliable stream) over the selected path, adapted to {@link Link} by
 * {@link SessionLink}. Incoming message ids are remembered per peer for the life of the process, so a
 * message re-sent on a later link is acknowledged without being delivered twice (the client's store
 * dedups across restarts as well).
 */
public final class NoiseSessions implements SessionOpener {
  private final LoopSource loops;
  private final SessionConfig config;
  private final RandomGenerator random;
  private final Map<String, DeliveredIds> delivered = new ConcurrentHashMap<>();

  /** Where a session's loop comes from, and whether the session owns (and closes) it. */
  private record LoopSource(TaskLoop shared) {
    TaskLoop next(String name) {
      return shared != null ? shared : new ThreadTaskLoop(name);
    }

    boolean owned() {
      return shared == null;
    }
  }

  private NoiseSessions(LoopSource loops, SessionConfig config, RandomGenerator random) {
    this.loops = loops;
    this.config = config;
    this.random = random;
  }

  /** Production: each session on its own virtual-thread loop (wall clock), closed with the session. */
  public static NoiseSessions onOwnThreads() {
    return new NoiseSessions(new LoopSource(null), SessionConfig.defaults(), new SecureRandom());
  }

  /** Every session on {@code loop}, which stays open (tests: the simulated internet's scheduler). */
  public static NoiseSessions on(TaskLoop loop, SessionConfig config, RandomGenerator random) {
    return new NoiseSessions(new LoopSource(loop), config, random);
  }

  @Override
  public Link open(Path path, LinkRole role, DhKeyPair local, PublicKeys peer, LinkListener listener) {
    TaskLoop loop = loops.next("session-" + path.remoteAddress());
    SessionLink link = new SessionLink(listener, loop, loops.owned());
    SessionRole sessionRole = role == LinkRole.CONTROLLING ? SessionRole.INITIATOR : SessionRole.RESPONDER;
    link.attach(ChatSession.open(config, loop, path, sessionRole, local.noiseKeyPair(), DhKeyPair.toNoise(peer.dh()),
        delivered.computeIfAbsent(peer.dh().toText(), key -> new SynchronizedIds()), link, random));
    return link;
  }

  /** One peer's ids; consecutive links to a peer run on different loops. */
  private static final class SynchronizedIds implements DeliveredIds {
    private final InMemoryDeliveredIds ids = new InMemoryDeliveredIds();

    @Override
    public synchronized boolean contains(MessageId id) {
      return ids.contains(id);
    }

    @Override
    public synchronized void add(MessageId id) {
      ids.add(id);
    }
  }
}
