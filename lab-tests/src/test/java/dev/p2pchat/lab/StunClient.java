package dev.p2pchat.lab;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Debian {@code stun} client (package stun-client, an RFC 3489-era client that also sends
 * CHANGE-REQUEST): an independent implementation to check STUN servers and the lab with. Its
 * verbose output names the mapped address of each response; its exit status encodes the NAT type
 * it guessed, so it is not an error code.
 */
public final class StunClient {
    private static final String MAPPED = "MappedAddress = ";
    private static final String VERDICT = "Primary: ";

    /**
     * What one run said: the mapped address of the first response, and the client's verdict on the
     * NAT, e.g. "Independent Mapping, Port Dependent Filter, preserves ports, no hairpin".
     */
    public record Result(Optional<InetSocketAddress> mapped, String verdict) {}

    private StunClient() {}

    /** Runs {@code stun SERVER -v} on {@code host} until it ends by itself (or is killed at timeout). */
    public static Result run(Host host, InetAddress server, Duration timeout) {
        LabProcess stun = host.start("stun", LabEnvironment.require("stun"), server.getHostAddress(), "-v");
        if (!stun.awaitExit(timeout)) {
            stun.kill();
        }
        return parse(Stream.concat(stun.stdout().stream(), stun.stderr().stream()).toList());
    }

    static Result parse(List<String> output) {
        String verdict = output.stream()
                .map(String::strip)
                .filter(line -> line.startsWith(VERDICT))
                .map(line -> line.substring(VERDICT.length()))
                .findFirst()
                .orElse("");
        return new Result(parseMappedAddress(output), verdict);
    }

    /** The first {@code MappedAddress = IP:PORT} line of the client's verbose output. */
    static Optional<InetSocketAddress> parseMappedAddress(List<String> output) {
        return output.stream()
                .map(String::strip)
                .filter(line -> line.startsWith(MAPPED))
                .map(line -> line.substring(MAPPED.length()).strip())
                .map(StunClient::endpoint)
                .findFirst();
    }

    private static InetSocketAddress endpoint(String text) {
        int colon = text.lastIndexOf(':');
        return new InetSocketAddress(InetAddress.ofLiteral(text.substring(0, colon)), Integer.parseInt(text.substring(colon + 1)));
    }
}
