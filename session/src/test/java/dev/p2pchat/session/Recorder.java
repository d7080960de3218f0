package dev.p2pchat.session;

import dev.p2pchat.protocol.reliable.MessageId;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A {@link SessionListener} that writes everything down (the simulation runs on one thread). */
final class Recorder implements SessionListener {
    final List<String> messages = new ArrayList<>();
    final List<MessageId> received = new ArrayList<>();
    final List<MessageId> delivered = new ArrayList<>();
    final List<SessionState> states = new ArrayList<>();
    final List<SecurityEvent> security = new ArrayList<>();
    final List<String> pathChanges = new ArrayList<>();
    final List<String> pathLosses = new ArrayList<>();
    String closed;
    boolean established;

    @Override
    public void onEstablished(PathKind kind, InetSocketAddress remote) {
        established = true;
    }

    @Override
    public void onMessage(MessageId id, byte[] payload) {
        received.add(id);
        messages.add(new String(payload, StandardCharsets.UTF_8));
    }

    @Override
    public void onDelivered(MessageId id) {
        delivered.add(id);
    }

    @Override
    public void onPathChanged(PathKind kind, InetSocketAddress remote) {
        pathChanges.add(kind + " " + remote);
    }

    @Override
    public void onPathLost(String reason) {
        pathLosses.add(reason);
    }

    @Override
    public void onStateChanged(SessionState state) {
        states.add(state);
    }

    @Override
    public void onClosed(String reason) {
        closed = reason;
    }

    @Override
    public void onSecurityEvent(SecurityEvent event) {
        security.add(event);
    }
}
