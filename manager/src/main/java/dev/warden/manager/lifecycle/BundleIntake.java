package dev.warden.manager.lifecycle;

import dev.warden.catalog.manifest.ConnectorSpec;
import dev.warden.catalog.manifest.PluginManifest;
import dev.warden.catalog.manifest.ManifestException;
import dev.warden.catalog.manifest.ManifestParser;
import dev.warden.io.Digests;
import dev.warden.manager.scan.ContentScanner;
import dev.warden.manager.scan.Finding;
import dev.warden.manager.verify.BytecodeVerifier;
import dev.warden.manager.verify.VerificationReport;
import dev.warden.manager.verify.Violation;
import dev.warden.signing.BundleException;
import dev.warden.signing.BundleIdentity;
import dev.warden.signing.BundleLimits;
import dev.warden.signing.BundleReader;
import dev.warden.signing.OpenedBundle;
import dev.warden.signing.BundleVerifier;
import dev.warden.signing.TrustedPublishers;
import dev.warden.signing.VerifiedBundle;
import dev.warden.signing.VerifiedFolder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The first half of the install pipeline (DESIGN §5): open the bundle once, verify signature,
 * publisher trust and namespace while extracting into staging, parse the signed manifest, check
 * it names what was signed, and scan the text a model will read.
 */
final class BundleIntake {

    private final TrustedPublishers trust;
    private final Clock clock;
    private static final int MAX_VIOLATIONS_SHOWN = 20;

    private final ContentScanner scanner = new ContentScanner();

    BundleIntake(TrustedPublishers trust, Clock clock) {
        this.trust = trust;
        this.clock = clock;
    }

    /**
     * @param signedFolder the signed Claude plugin folder, verified just before, that Warden made this (unsigned)
     *                     bundle from; its signature is then the bundle's, and {@code allowUnverified} waives nothing
     * @throws BundleException when the bundle fails a signature, trust or integrity check, or does not hold
     *     exactly the files of {@code signedFolder}
     * @throws RefusalException when the signed manifest does not name what was signed
     */
    IntakeResult take(Path bundle, Path staging, String source, boolean allowUnverified, Optional<VerifiedFolder> signedFolder)
            throws BundleException, RefusalException, IOException {
        Optional<VerifiedBundle> verified;
        BundleIdentity identity;
        byte[] manifestBytes;
        if (signedFolder.isPresent()) {
            OpenedBundle opened = BundleReader.extractUnverified(bundle, staging, BundleLimits.defaults());
            VerifiedFolder folder = signedFolder.get();
            SignedFolderBundle.check(opened, folder);
            verified = Optional.of(new VerifiedBundle(folder.identity(), folder.publisher(), folder.key(),
                    opened.manifestBytes(), opened.files()));
            identity = folder.identity();
            manifestBytes = opened.manifestBytes();
        } else if (allowUnverified) {
            // one opening of the bundle decides trust and extracts; only "nobody you trust signed it" is waived
            BundleVerifier.Extracted extracted = new BundleVerifier(trust, clock, BundleLimits.defaults())
                    .extractAllowingUnverified(bundle, staging);
            verified = extracted.verified();
            identity = extracted.opened().identity();
            manifestBytes = extracted.opened().manifestBytes();
        } else {
            VerifiedBundle proof = new BundleVerifier(trust, clock, BundleLimits.defaults()).verifyAndExtract(bundle, staging);
            verified = Optional.of(proof);
            identity = proof.identity();
            manifestBytes = proof.manifestBytes();
        }
        PluginManifest manifest = parse(manifestBytes);
        if (!identity.publisher().equals(manifest.publisher()) || !identity.name().equals(manifest.name())
                || !identity.version().equals(manifest.version().toString())) {
            throw new RefusalException("the signature covers " + identity.pluginId() + " " + identity.version()
                    + " but the manifest says " + manifest.id() + " " + manifest.version() + "; not installed");
        }
        VerificationReport code = BytecodeVerifier.standard().verify(staging);
        if (!code.passed()) {
            throw new RefusalException(codeRefusal(manifest, code));
        }
        return new IntakeResult(staging, verified, manifest, Digests.sha256Hex(manifestBytes), scan(staging, manifest), code.classesChecked(),
                source);
    }

    /** Every violation on its own line, so the person (and the publisher) can see each member the code must not reach. */
    private static String codeRefusal(PluginManifest manifest, VerificationReport code) {
        StringBuilder message = new StringBuilder(manifest.id() + " " + manifest.version()
                + " is not installed: its code reaches past the plugin API (" + code.violations().size() + " problem"
                + (code.violations().size() == 1 ? "" : "s") + "):");
        int shown = 0;
        for (Violation v : code.violations()) {
            if (shown++ == MAX_VIOLATIONS_SHOWN) {
                message.append("\n  ... and ").append(code.violations().size() - MAX_VIOLATIONS_SHOWN).append(" more");
                break;
            }
            message.append("\n  ").append(v.describe());
        }
        return message.toString();
    }

    private static PluginManifest parse(byte[] manifest) throws RefusalException {
        try {
            return ManifestParser.standard().parse(manifest);
        } catch (ManifestException e) {
            throw new RefusalException("the signed plugin.json is not a valid manifest:\n" + e.getMessage());
        }
    }

    /** Skills, sub-agents and commands as a model reads them, plus the names and descriptions of tools. */
    private List<Finding> scan(Path staging, PluginManifest manifest) throws IOException {
        List<Finding> findings = new ArrayList<>();
        manifest.description().ifPresent(d -> findings.addAll(scanner.scan("plugin.json:$.description", d)));
        for (int i = 0; i < manifest.connectors().size(); i++) {
            ConnectorSpec connector = manifest.connectors().get(i);
            findings.addAll(scanner.scan("plugin.json:$.connectors[" + i + "].name", connector.name()));
            findings.addAll(scanner.scan("plugin.json:$.connectors[" + i + "].description", connector.description()));
        }
        findings.addAll(scanner.scanMarkdownFiles(staging));
        return findings;
    }
}
