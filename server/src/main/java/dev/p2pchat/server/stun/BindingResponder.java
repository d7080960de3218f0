package dev.p2pchat.server.stun;

import static dev.p2pchat.protocol.stun.StunConstants.CHANGE_REQUEST;
import static dev.p2pchat.protocol.stun.StunConstants.ERROR_BAD_REQUEST;
import static dev.p2pchat.protocol.stun.StunConstants.ERROR_UNKNOWN_ATTRIBUTE;

import dev.p2pchat.protocol.stun.AddressAttribute.ChangedAddress;
import dev.p2pchat.protocol.stun.AddressAttribute.MappedAddress;
import dev.p2pchat.protocol.stun.AddressAttribute.OtherAddress;
import dev.p2pchat.protocol.stun.AddressAttribute.ResponseOrigin;
import dev.p2pchat.protocol.stun.AddressAttribute.SourceAddress;
import dev.p2pchat.protocol.stun.AddressAttribute.XorMappedAddress;
import dev.p2pchat.protocol.stun.ErrorAttribute.ErrorCode;
import dev.p2pchat.protocol.stun.ErrorAttribute.UnknownAttributes;
import dev.p2pchat.protocol.stun.Fingerprint;
import dev.p2pchat.protocol.stun.NatBehaviorAttribute.ChangeRequest;
import dev.p2pchat.protocol.stun.NatBehaviorAttribute.Padding;
import dev.p2pchat.protocol.stun.NatBehaviorAttribute.ResponsePort;
import dev.p2pchat.protocol.stun.Stun;
import dev.p2pchat.protocol.stun.StunAttribute;
import dev.p2pchat.protocol.stun.StunClass;
import dev.p2pchat.protocol.stun.StunEncoder;
import dev.p2pchat.protocol.stun.StunIntegrity;
import dev.p2pchat.protocol.stun.StunMessage;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Binding policy, pure: a decoded Binding message in, an {@link Outcome} out.
 *
 * <ul>
 *   <li>RFC 8489 clients get XOR-MAPPED-ADDRESS; with an alternate address also MAPPED-ADDRESS,
 *       RESPONSE-ORIGIN and OTHER-ADDRESS (RFC 5780 §6.1).
 *   <li>RFC 3489 clients (no magic cookie) get MAPPED-ADDRESS, and with an alternate address
 *       SOURCE-ADDRESS and CHANGED-ADDRESS (RFC 3489 §8.1); they do not understand XOR-MAPPED-ADDRESS.
 *   <li>CHANGE-REQUEST picks the socket that answers; without an alternate address it gets a 420, as
 *       RFC 5780 §6 requires, except from classic clients, which send one (without flags) in every
 *       request and predate the 420: theirs is ignored when it asks for nothing, and the request
 *       dropped when it asks for a change we cannot make. RESPONSE-PORT redirects the answer to another port of the same client
 *       address (§7.5). Unknown comprehension-required attributes get a 420 listing them.
 *   <li>No amplification: responses carry only what the RFCs require, PADDING is answered with at most
 *       as much as the request carried, and FINGERPRINT is added only when the request had one.
 * </ul>
 */
final class BindingResponder {
  private final Topology topology;

  BindingResponder(Topology topology) {
    this.topology = topology;
  }

  /**
   * @param request a decoded message whose method is Binding
   * @param datagram the bytes it was decoded from
   * @param client where it came from
   * @param local the server endpoint it arrived on
   */
  Outcome respond(StunMessage request, byte[] datagram, int length, InetSocketAddress client, InetSocketAddress local) {
    boolean fingerprint = request.first(Fingerprint.class).isPresent();
    if (fingerprint && !StunIntegrity.verifyFingerprint(datagram, 0, length)) {
      return new Outcome.Dropped(true, "bad FINGERPRINT");
    }
    return switch (request.type().messageClass()) {
      case INDICATION -> new Outcome.Accepted();
      case SUCCESS_RESPONSE, ERROR_RESPONSE -> new Outcome.Dropped(false, "a response sent to the server");
      case REQUEST -> answer(request, length, client, local, fingerprint);
    };
  }

  private Outcome answer(StunMessage request, int length, InetSocketAddress client, InetSocketAddress local, boolean fingerprint) {
    List<Integer> unknown = Stun.unknownComprehensionRequired(request);
    Optional<ChangeRequest> change = request.first(ChangeRequest.class);
    if (change.isPresent() && !topology.hasAlternate()) {
      if (!request.isClassic()) {
        unknown = append(unknown, CHANGE_REQUEST); // RFC 5780 §6
      } else if (change.get().changeIp() || change.get().changePort()) {
        // A classic client takes any answer to its tests II and III for a reply from the other
        // address and would misjudge its NAT as open; silence reads as "filtered", the safe guess.
        return new Outcome.Dropped(false, "classic CHANGE-REQUEST without an alternate address");
      }
      // A classic client sends CHANGE-REQUEST with no flags in test I: it asks for nothing to change.
    }
    if (!unknown.isEmpty()) {
      return error(request, local, client, fingerprint,
          new ErrorCode(ERROR_UNKNOWN_ATTRIBUTE, "Unknown Attribute"), new UnknownAttributes(unknown));
    }
    Optional<ResponsePort> responsePort = request.first(ResponsePort.class);
    boolean padding = request.first(Padding.class).isPresent();
    if (responsePort.isPresent() && (padding || responsePort.get().port() == 0)) {
      // RFC 5780 §6.1: PADDING with RESPONSE-PORT is a 400; port 0 cannot be sent to.
      return error(request, local, client, fingerprint, new ErrorCode(ERROR_BAD_REQUEST, "Bad Request"));
    }
    InetSocketAddress from =
        change.filter(c -> topology.hasAlternate()).map(c -> topology.source(local, c.changeIp(), c.changePort())).orElse(local);
    InetSocketAddress to = responsePort.map(p -> new InetSocketAddress(client.getAddress(), p.port())).orElse(client);
    List<StunAttribute> attributes = successAttributes(request.isClassic(), client, local, from);
    StunMessage response = new StunMessage(request.type().withClass(StunClass.SUCCESS_RESPONSE), request.transactionId(), attributes);
    if (padding) {
      response = withPadding(response, length, fingerprint);
    }
    return new Outcome.Reply(from, to, encoder(fingerprint).encode(response));
  }

  private List<StunAttribute> successAttributes(boolean classic, InetSocketAddress client, InetSocketAddress local, InetSocketAddress from) {
    List<StunAttribute> attributes = new ArrayList<>();
    if (classic) {
      attributes.add(new MappedAddress(client));
      if (topology.hasAlternate()) {
        attributes.add(new SourceAddress(from));
        attributes.add(new ChangedAddress(topology.other(local)));
      }
    } else if (topology.hasAlternate()) {
      attributes.add(new MappedAddress(client));
      attributes.add(new XorMappedAddress(client));
      attributes.add(new ResponseOrigin(from));
      attributes.add(new OtherAddress(topology.other(local)));
    } else {
      attributes.add(new XorMappedAddress(client));
    }
    return attributes;
  }

  /**
   * RFC 5780 §6.1 wants PADDING in the response when the request had one, ideally MTU-sized; we pad
   * only up to the request's own size, so that the response is never larger than the request.
   */
  private static StunMessage withPadding(StunMessage response, int requestLength, boolean fingerprint) {
    int unpadded = encoder(fingerprint).encode(response).length + 4;
    int room = Math.max(0, requestLength - unpadded) & ~3;
    return response.with(new Padding(room));
  }

  private static Outcome error(StunMessage request, InetSocketAddress local, InetSocketAddress client, boolean fingerprint, StunAttribute... attributes) {
    StunMessage response = new StunMessage(request.type().withClass(StunClass.ERROR_RESPONSE), request.transactionId(), List.of(attributes));
    return new Outcome.Reply(local, client, encoder(fingerprint).encode(response));
  }

  private static StunEncoder encoder(boolean fingerprint) {
    return fingerprint ? StunEncoder.plain().withFingerprint() : StunEncoder.plain();
  }

  private static List<Integer> append(List<Integer> list, int value) {
    List<Integer> out = new ArrayList<>(list);
    if (!out.contains(value)) {
      out.add(value);
    }
    return out;
  }
}
