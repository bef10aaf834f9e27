package dev.warden.manager.cli;

import org.junit.jupiter.api.BeforeEach;

/** A {@link HomeFixture} whose person trusts the publisher {@code acme}, which signs the test's bundles. */
abstract class TrustedAcmeFixture extends HomeFixture {

    Publisher acme;

    @BeforeEach
    void acmeIsTrusted() {
        acme = new Publisher(warden, temp.resolve("acme"), "acme").trusted();
    }
}
