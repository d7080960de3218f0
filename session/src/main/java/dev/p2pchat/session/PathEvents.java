package dev.p2pchat.session;

import dev.p2pchat.traversal.Path;
import dev.p2pchat.traversal.PathListener;
import dev.p2pchat.traversal.loop.TaskLoop;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * A path's callbacks, which run on the traversal agent's loop, moved onto the session's loop. Each names
 * the path it came from, so that the session can ignore a path it has replaced.
 */
final class PathEvents implements PathListener {

    /** The session's side; called on its loop. */
    interface Handler {
        void frame(Path from, byte[] datagram);

        void moved(Path path);

        void rtt(Path path, Duration rtt);

        /** The path died; {@code reason} is the traversal layer's ("lost: no answer to 6 PINGs...", ...). */
        void lost(Path path, String reason);
    }

    private final TaskLoop loop;
    private final Handler handler;

    PathEvents(TaskLoop loop, Handler handler) {
        this.loop = loop;
        this.handler = handler;
    }

    @Override
    public void onFrame(Path path, byte[] frame) {
        loop.execute(() -> handler.frame(path, frame));
    }

    @Override
    public void onPathChanged(Path path, InetSocketAddress from, InetSocketAddress to) {
        loop.execute(() -> handler.moved(path));
    }

    @Override
    public void onRtt(Path path, Duration rtt) {
        loop.execute(() -> handler.rtt(path, rtt));
    }

    @Override
    public void onDead(Path path, String reason) {
        loop.execute(() -> handler.lost(path, reason));
    }
}
