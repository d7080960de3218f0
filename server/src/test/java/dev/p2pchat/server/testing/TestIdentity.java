package dev.p2pchat.server.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.p2pchat.protocol.identity.AuthChallenge;
import dev.p2pchat.protocol.identity.Base64Url;
import dev.p2pchat.protocol.identity.DhPublicKey;
import dev.p2pchat.protocol.identity.SigningKeyPair;
import dev.p2pchat.protocol.identity.Username;
import dev.p2pchat.server.signal.Json;
import dev.p2pchat.server.signal.Replies;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.interfaces.XECPublicKey;

/** A user as a client holds it: name, signing key pair, DH public key; builds signed requests. */
public record TestIdentity(Username user, SigningKeyPair signing, DhPublicKey dh) {
  private static final SecureRandom RANDOM = new SecureRandom();

  public static TestIdentity create(String name) {
    try {
      var dh = (XECPublicKey) KeyPairGenerator.getInstance("X25519").generateKeyPair().getPublic();
      return new TestIdentity(Username.of(name), SigningKeyPair.generate(RANDOM), DhPublicKey.fromJdk(dh));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** The same name with other keys: an impostor. */
  public TestIdentity withOtherKeys() {
    TestIdentity other = create(user.value());
    return new TestIdentity(user, other.signing, other.dh);
  }

  public String signature(String nonce) {
    return Base64Url.encode(new AuthChallenge(nonce, user, signing.publicKey(), dh).sign(signing));
  }

  public ObjectNode helloNode(String nonce) {
    return Json.MAPPER.createObjectNode()
        .put("type", "hello")
        .put("user", user.value())
        .put("signing_key", signing.publicKey().toText())
        .put("dh_key", dh.toText())
        .put("signature", signature(nonce));
  }

  public String hello(String nonce) {
    return Replies.text(helloNode(nonce));
  }

  /** The body of {@code POST /v1/users}. */
  public String registration(String nonce) {
    ObjectNode body = helloNode(nonce);
    body.remove("type");
    return Replies.text(body.put("nonce", nonce));
  }
}
