/**
 * Signalling: the HTTP API and the WebSocket of docs/api.md.
 *
 * <p>Reading order: {@link dev.p2pchat.server.signal.ClientMessageParser} turns a frame into a
 * {@link dev.p2pchat.server.signal.ClientMessage} (pure); {@link
 * dev.p2pchat.server.signal.SignalDispatcher} acts on it for one {@link
 * dev.p2pchat.server.signal.Connection}; {@link dev.p2pchat.server.signal.PresenceHub} is the one
 * shared, locked table of who is online and who watches whom; {@link
 * dev.p2pchat.server.signal.SignalSocket} and {@link dev.p2pchat.server.signal.HttpApi} adapt
 * Javalin/Jetty to all that. Every error is an {@link dev.p2pchat.server.signal.ApiException} carrying
 * its wire {@link dev.p2pchat.server.signal.ErrorCode}.
 */
package dev.p2pchat.server.signal;
