package io.vigil.engine.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.spi.http.RefusedAddressException;
import java.net.InetAddress;
import java.net.URI;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressGuardTest {

    private final AddressGuard publicOnly = new AddressGuard(false, Set.of());

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0.0.0.0",
                "127.0.0.1",
                "127.255.0.9",
                "10.1.2.3",
                "172.16.0.1",
                "172.31.255.255",
                "192.168.1.1",
                "169.254.169.254",
                "100.64.0.1",
                "100.127.255.254",
                "224.0.0.251",
                "255.255.255.255",
                "::",
                "::1",
                "fe80::1",
                "fc00::1",
                "fd12:3456::1",
                "ff02::1",
                "::ffff:127.0.0.1",
                "::ffff:10.0.0.1",
                "::127.0.0.1",
                "64:ff9b::a9fe:a9fe",
                "2002:c0a8:0101::1",
                "::ffff:0:127.0.0.1",
                "::ffff:0:a9fe:a9fe",
                "64:ff9b:1::a9fe:a9fe",
                "64:ff9b:1:7f00:0:100::",
                "64:ff9b:1::808:808",
                "2001:0:4136:e378:8000:63bf:3fff:fdd2",
                "100::1"
            })
    void refusesNonPublicAddresses(String literal) throws Exception {
        assertThat(publicOnly.refusal(InetAddress.getByName(literal))).isPresent();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "93.184.215.14",
                "8.8.8.8",
                "172.32.0.1",
                "100.128.0.1",
                "192.169.0.1",
                "2606:4700::6810:84e5",
                "::ffff:8.8.8.8",
                "2002:0808:0808::1",
                "::ffff:0:8.8.8.8",
                "64:ff9b::808:808",
                "2001:4860:4860::8888"
            })
    void allowsPublicAddresses(String literal) throws Exception {
        assertThat(publicOnly.refusal(InetAddress.getByName(literal))).isEmpty();
    }

    @Test
    void namesTheHostTheAddressAndTheSettingWhenItRefuses() {
        assertThatThrownBy(() -> publicOnly.check(URI.create("http://127.0.0.1:8080/feed")))
                .isInstanceOf(RefusedAddressException.class)
                .hasMessageContaining("127.0.0.1")
                .hasMessageContaining("loopback")
                .hasMessageContaining("vigil.net.allow-private");
    }

    @Test
    void refusesBracketedIpv6Hosts() {
        assertThatThrownBy(() -> publicOnly.check(URI.create("http://[::1]:8080/")))
                .isInstanceOf(RefusedAddressException.class)
                .hasMessageContaining("loopback");
    }

    @Test
    void allowsEverythingWhenPrivateAddressesAreAllowed() throws Exception {
        AddressGuard open = new AddressGuard(true, Set.of());

        open.check(URI.create("http://127.0.0.1/"));
        assertThat(open.refusal(InetAddress.getByName("10.0.0.1"))).isEmpty();
    }

    @Test
    void allowsTrustedAddressesAndStillRefusesTheirNeighbours() throws Exception {
        AddressGuard guard = new AddressGuard(false, Set.of(InetAddress.getByName("127.0.0.1")));

        assertThat(guard.refusal(InetAddress.getByName("127.0.0.1"))).isEmpty();
        assertThat(guard.refusal(InetAddress.getByName("127.0.0.2"))).contains("a loopback");
    }
}
