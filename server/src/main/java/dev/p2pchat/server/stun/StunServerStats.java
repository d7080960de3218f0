package dev.p2pchat.server.stun;

import java.util.concurrent.atomic.LongAdder;

/** Counters of the STUN port, updated from every socket thread; read them with {@link #snapshot()}. */
public final class StunServerStats {
  private final LongAdder received = new LongAdder();
  private final LongAdder answered = new LongAdder();
  private final LongAdder indications = new LongAdder();
  private final LongAdder droppedMalformed = new LongAdder();
  private final LongAdder droppedOther = new LongAdder();
  private final LongAdder relayed = new LongAdder();
  private final LongAdder sendFailures = new LongAdder();

  /**
   * The counts at one moment.
   *
   * @param received datagrams read from any of the sockets
   * @param answered Binding responses (success or error) sent
   * @param indications Binding indications accepted (keepalives; nothing is sent back)
   * @param droppedMalformed datagrams that are neither well-formed STUN nor ChannelData
   * @param droppedOther well-formed messages the server does not act on: responses, and non-Binding
   *     methods or ChannelData when no relay is installed
   * @param relayed messages handed to the relay handler
   * @param sendFailures replies the operating system refused to send
   */
  public record Snapshot(
      long received, long answered, long indications, long droppedMalformed, long droppedOther, long relayed,
      long sendFailures) {}

  public Snapshot snapshot() {
    return new Snapshot(
        received.sum(), answered.sum(), indications.sum(), droppedMalformed.sum(), droppedOther.sum(),
        relayed.sum(), sendFailures.sum());
  }

  void received() {
    received.increment();
  }

  void answered() {
    answered.increment();
  }

  void indication() {
    indications.increment();
  }

  void droppedMalformed() {
    droppedMalformed.increment();
  }

  void droppedOther() {
    droppedOther.increment();
  }

  void relayed() {
    relayed.increment();
  }

  void sendFailure() {
    sendFailures.increment();
  }
}
