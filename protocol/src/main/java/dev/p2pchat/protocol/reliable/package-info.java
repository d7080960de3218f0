/**
 * Reliable, ordered, exactly-once message delivery inside an encrypted session: the plaintext
 * <em>stream frames</em> carried in each transport packet, and the sender and receiver state machines.
 *
 * <p>Pure logic: no sockets, threads or clocks. The caller passes {@code now} into every call and asks
 * {@link dev.p2pchat.protocol.reliable.ReliableStream#nextTimeout()} when to call again, so a run is
 * fully determined by its inputs.
 *
 * <h2>Wire format</h2>
 * A packet's plaintext is a sequence of frames, each starting with a kind byte; all integers are
 * big-endian and unsigned.
 * <pre>
 * PADDING 0x00                                      (each zero byte is one byte of padding)
 * DATA    0x01 | seq u64 | message id 16 | flags u8 | length u16 | payload (length bytes)
 *              flags: 0x01 END (last fragment of the message); other bits reserved, must be 0
 * ACK     0x02 | cumulative u64 | ack delay u32 (µs) | n u8 | n × (first u64 | last u64)
 *              cumulative: highest seq received in order (0: none); the n SACK ranges are
 *              inclusive, above cumulative + 1, disjoint, non-adjacent, highest first
 * PING    0x03 | token u64                          (asks for a PONG at once)
 * PONG    0x04 | token u64                          (echoes a PING's token)
 * CLOSE   0x05 | reason u8                          (see {@link dev.p2pchat.protocol.reliable.CloseReason})
 * </pre>
 * Sequence numbers start at 1 in every session. The 16-byte message id (the client's UUID) survives
 * sessions and process restarts: a receiver de-duplicates by it across sessions, by sequence number
 * within one.
 */
package dev.p2pchat.protocol.reliable;
