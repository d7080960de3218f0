package dev.p2pchat.lab.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.p2pchat.traversal.AgentConfig;
import dev.p2pchat.traversal.Path;
import dev.p2pchat.traversal.PathListener;
import dev.p2pchat.traversal.PeerDescription;
import dev.p2pchat.traversal.Role;
import dev.p2pchat.traversal.TraversalAgent;
import dev.p2pchat.traversal.loop.ThreadTaskLoop;
import dev.p2pchat.traversal.net.UdpNetwork;
import dev.p2pchat.traversal.turn.TurnCredentials;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A traversal agent with a TURN relay, run on a lab host on the packaged jar's code (not JDK-only like
 * the other tools): the client's connection stack without its signalling, which the test plays.
 *
 * <pre>
 * args: STUN_IP STUN_PORT TURN_IP TURN_PORT USERNAME PASSWORD
 * gather                      -&gt; {"event":"description","json":...}
 * connect ROLE JSON           -&gt; {"event":"path","kind":...,"local":...,"remote":...} or {"event":"failed",...}
 * send TEXT                   -&gt; the peer gets {"event":"frame","data":TEXT}
 * quit
 * events also: relay {address} or relay-failed {reason} at start
 * </pre>
 */
public final class RelayAgent {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte TRANSPORT_FRAME = (byte) 0xD4;

    private volatile Path path;
    private PeerDescription lastGathered;

    public static void main(String[] args) throws Exception {
        InetSocketAddress stun = new InetSocketAddress(InetAddress.ofLiteral(args[0]), Integer.parseInt(args[1]));
        var credentials = new TurnCredentials(new InetSocketAddress(InetAddress.ofLiteral(args[2]),
                Integer.parseInt(args[3])), args[4], args[5]);
        try (ThreadTaskLoop loop = new ThreadTaskLoop("relay-agent");
             TraversalAgent agent = TraversalAgent.open(new UdpNetwork(), loop,
                     AgentConfig.defaults().withStunServers(List.of(stun)), new SecureRandom())) {
            try {
                var relayed = agent.useRelay(credentials).get(30, TimeUnit.SECONDS);
                Events.emit("relay", "address", relayed.localAddress().toString());
            } catch (Exception e) {
                Events.emit("relay-failed", "reason", String.valueOf(e.getCause() == null ? e : e.getCause()));
            }
            new RelayAgent().run(agent, new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
        }
    }

    private void run(TraversalAgent agent, BufferedReader commands) throws Exception {
        String line;
        while ((line = commands.readLine()) != null) {
            String[] words = line.split(" ", 3);
            switch (words[0]) {
                case "gather" -> {
                    lastGathered = agent.gather().get(10, TimeUnit.SECONDS);
                    Events.emit("description", "json", JSON.writeValueAsString(lastGathered));
                }
                case "connect" -> connect(agent, Role.valueOf(words[1]), JSON.readValue(words[2], PeerDescription.class));
                case "send" -> path.send(frame(line.substring("send ".length())));
                case "quit" -> {
                    return;
                }
                default -> Events.emit("error", "message", "unknown command: " + words[0]);
            }
        }
    }

    /** The local description is the last one gathered: each connect uses a fresh gather. */
    private void connect(TraversalAgent agent, Role role, PeerDescription remote) throws Exception {
        PeerDescription local = lastGathered;
        agent.connect(local, remote, role).whenComplete((p, failed) -> {
            if (failed != null) {
                Events.emit("failed", "reason", String.valueOf(failed.getCause() == null ? failed : failed.getCause()));
                return;
            }
            path = p;
            p.setListener(new PathListener() {
                @Override
                public void onFrame(Path from, byte[] frame) {
                    Events.emit("frame", "data", new String(frame, 1, frame.length - 1, StandardCharsets.UTF_8));
                }
            });
            Events.emit("path", "kind", p.kind().name(), "local", p.localCandidate().type().name(),
                    "remote", p.remoteCandidate().type().name() + " " + p.remoteAddress());
        });
    }

    private static byte[] frame(String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[body.length + 1];
        frame[0] = TRANSPORT_FRAME;
        System.arraycopy(body, 0, frame, 1, body.length);
        return frame;
    }
}
