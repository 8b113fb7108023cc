package io.vigil.engine.net;

import io.vigil.spi.http.RefusedAddressException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether Vigil may connect to a host, by the addresses its name resolves to.
 *
 * <p>Refused unless private addresses are allowed: unspecified ({@code 0.0.0.0/8}, {@code ::}), loopback
 * ({@code 127/8}, {@code ::1}), private ({@code 10/8}, {@code 172.16/12}, {@code 192.168/16}, {@code fc00::/7} and
 * the retired {@code fec0::/10}), link-local ({@code 169.254/16} — the cloud metadata service lives there —,
 * {@code fe80::/10}), carrier-grade NAT ({@code 100.64/10}), multicast ({@code 224/4}, {@code ff00::/8}), the IETF
 * protocol and benchmarking blocks ({@code 192.0.0/24}, {@code 198.18/15}) and the reserved {@code 240/4} with the
 * broadcast address. IPv6 addresses that carry an IPv4 address (mapped {@code ::ffff:a.b.c.d}, compatible
 * {@code ::a.b.c.d}, translated {@code ::ffff:0:a.b.c.d}, NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}) are
 * judged by the IPv4 address inside, so {@code ::ffff:127.0.0.1} is loopback; the local-use NAT64 prefix
 * {@code 64:ff9b:1::/48}, Teredo {@code 2001::/32} and the discard prefix {@code 100::/64} are refused outright.
 *
 * <p>A host is refused when <em>any</em> of its addresses is refused, because the HTTP client may pick any of them.
 * The HTTP client connects to the very addresses {@link #resolve} checked (see {@link GuardedHttpClient}). Immutable
 * and thread-safe.
 */
final class AddressGuard {

    private record Block(byte[] prefix, int bits, String kind) {
        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[full] & mask) == (prefix[full] & mask);
        }
    }

    private static final List<Block> REFUSED = List.of(
            block("0.0.0.0", 8, "an unspecified"),
            block("10.0.0.0", 8, "a private"),
            block("100.64.0.0", 10, "a carrier-grade NAT"),
            block("127.0.0.0", 8, "a loopback"),
            block("169.254.0.0", 16, "a link-local"),
            block("172.16.0.0", 12, "a private"),
            block("192.0.0.0", 24, "an IETF protocol"),
            block("192.168.0.0", 16, "a private"),
            block("198.18.0.0", 15, "a benchmarking"),
            block("224.0.0.0", 4, "a multicast"),
            block("240.0.0.0", 4, "a reserved"),
            block("::", 128, "an unspecified"),
            block("::1", 128, "a loopback"),
            // RFC 8215's local-use NAT64 prefix: a translator of the local network maps it to IPv4 addresses of its
            // operator's choosing, private ones too, with the IPv4 part at bits that depend on the prefix length
            block("64:ff9b:1::", 48, "a local NAT64"),
            // Teredo tunnels to an IPv4 address the address itself names, obfuscated; retired, and never a feed
            block("2001::", 32, "a Teredo tunnel"),
            block("100::", 64, "a discard-only"),
            block("fc00::", 7, "a private (unique local)"),
            block("fec0::", 10, "a site-local"),
            block("fe80::", 10, "a link-local"),
            block("ff00::", 8, "a multicast"));

    private final boolean allowPrivate;
    private final Set<InetAddress> trusted;

    /**
     * @param allowPrivate whether every address is allowed
     * @param trusted addresses allowed even when private ones are not, such as an intranet server the operator named
     */
    AddressGuard(boolean allowPrivate, Set<InetAddress> trusted) {
        this.allowPrivate = allowPrivate;
        this.trusted = Set.copyOf(Objects.requireNonNull(trusted, "trusted is null"));
    }

    /** How a host name becomes addresses; the JDK's resolver in production, one the test controls in tests. */
    @FunctionalInterface
    interface HostLookup {
        InetAddress[] lookup(String host) throws UnknownHostException;

        HostLookup SYSTEM = InetAddress::getAllByName;
    }

    /**
     * Resolves the host of {@code uri} and checks every address it has.
     *
     * @throws RefusedAddressException naming the host, the address and why it is refused
     * @throws UnknownHostException when the name does not resolve
     */
    void check(URI uri) throws RefusedAddressException, UnknownHostException {
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw new RefusedAddressException("'" + uri + "' names no host");
        }
        resolve(host, HostLookup.SYSTEM);
    }

    /**
     * Looks the host up once and returns its addresses when every one of them may be reached. The HTTP client
     * connects to exactly these, so there is no second lookup an attacker's name server could answer differently.
     *
     * @param host a name or an address literal, IPv6 with or without brackets
     * @throws RefusedAddressException naming the host, the address and why it is refused
     * @throws UnknownHostException when the name does not resolve
     */
    InetAddress[] resolve(String host, HostLookup lookup) throws RefusedAddressException, UnknownHostException {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses = lookup.lookup(bare);
        if (addresses == null || addresses.length == 0) {
            throw new UnknownHostException(host + " has no address");
        }
        for (InetAddress address : addresses) {
            Optional<String> kind = refusal(address);
            if (kind.isPresent()) {
                throw new RefusedAddressException(host + " resolves to " + address.getHostAddress() + ", "
                        + kind.get() + " address; Vigil only reaches public addresses unless"
                        + " vigil.net.allow-private=true");
            }
        }
        return addresses.clone();
    }

    /** Why {@code address} is refused (its kind, "a loopback"), or empty when Vigil may reach it. */
    Optional<String> refusal(InetAddress address) {
        if (allowPrivate || trusted.contains(address)) {
            return Optional.empty();
        }
        return kindOf(address.getAddress());
    }

    private static Optional<String> kindOf(byte[] address) {
        byte[] embedded = embeddedIpv4(address);
        if (embedded != null) {
            return kindOf(embedded);
        }
        for (Block block : REFUSED) {
            if (block.contains(address)) {
                return Optional.of(block.kind());
            }
        }
        if (address.length == 4 && Arrays.equals(address, new byte[] {-1, -1, -1, -1})) {
            return Optional.of("a broadcast");
        }
        return Optional.empty();
    }

    /** The IPv4 address an IPv6 transition address carries, or {@code null} when it carries none. */
    private static byte[] embeddedIpv4(byte[] address) {
        if (address.length != 16) {
            return null;
        }
        boolean firstTenZero = true;
        for (int i = 0; i < 10; i++) {
            firstTenZero &= address[i] == 0;
        }
        boolean mapped = firstTenZero && address[10] == -1 && address[11] == -1;
        boolean firstEightZero = true;
        for (int i = 0; i < 8; i++) {
            firstEightZero &= address[i] == 0;
        }
        // ::ffff:0:a.b.c.d, the IPv4-translated form of stateless translators (RFC 2765)
        boolean translated =
                firstEightZero && address[8] == -1 && address[9] == -1 && address[10] == 0 && address[11] == 0;
        // ::a.b.c.d (IPv4-compatible); :: and ::1 themselves are judged as the IPv6 addresses they are.
        boolean unspecifiedOrLoopback =
                address[12] == 0 && address[13] == 0 && address[14] == 0 && (address[15] == 0 || address[15] == 1);
        boolean compatible = firstTenZero && address[10] == 0 && address[11] == 0 && !unspecifiedOrLoopback;
        // 64:ff9b::/96 exactly: 64:ff9b:1::/48 (local use) carries its IPv4 part elsewhere and is refused as a block
        boolean nat64 = address[0] == 0 && address[1] == 0x64 && address[2] == (byte) 0xff && address[3] == (byte) 0x9b;
        for (int i = 4; i < 12; i++) {
            nat64 &= address[i] == 0;
        }
        if (mapped || translated || compatible || nat64) {
            return Arrays.copyOfRange(address, 12, 16);
        }
        if (address[0] == 0x20 && address[1] == 0x02) {
            return Arrays.copyOfRange(address, 2, 6);
        }
        return null;
    }

    private static Block block(String literal, int bits, String kind) {
        try {
            // Literals only: getByName parses them without a DNS lookup.
            InetAddress address = InetAddress.getByName(literal);
            byte[] bytes = address instanceof Inet6Address six ? six.getAddress() : address.getAddress();
            return new Block(bytes, bits, kind);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("bad address literal " + literal, e);
        }
    }
}
