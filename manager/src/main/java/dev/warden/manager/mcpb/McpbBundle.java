package dev.warden.manager.mcpb;

import dev.warden.io.WardenException;
import dev.warden.manager.home.WardenHome;
import dev.warden.signing.BundleException;
import dev.warden.signing.BundleLimits;
import dev.warden.signing.CertificateAnchors;
import dev.warden.signing.McpbArchive;
import dev.warden.signing.McpbSignature;
import dev.warden.signing.McpbSignatureVerifier;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An MCPB bundle (a Claude Desktop extension, {@code .mcpb}, formerly {@code .dxt}) whose signature
 * has been checked before anything inside was read, and whose manifest has been read from the signed
 * bytes only.
 *
 * @param archive   the file split into its zip and signature block
 * @param signature what the signature proved
 * @param manifest  its manifest.json
 * @since 0.1
 */
public record McpbBundle(McpbArchive archive, McpbSignature signature, McpbManifest manifest) {

    public McpbBundle {
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(manifest, "manifest");
    }

    /** @return whether the file's name says it is an MCPB bundle ({@code .mcpb}, or the older {@code .dxt}) */
    public static boolean named(Path file) {
        String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
        return name.endsWith(".mcpb") || name.endsWith(".dxt");
    }

    /**
     * @return where an MCPB signature's chain may end: the system CA store and the certificates of Warden's
     *         trust directory ({@code <trust>/certificates/*.pem}, system folder first)
     */
    public static CertificateAnchors anchors(WardenHome home) throws WardenException {
        return CertificateAnchors.systemStoreAnd(List.of(
                home.systemTrustDir().resolveSibling(CertificateAnchors.FOLDER),
                home.userTrustDir().resolveSibling(CertificateAnchors.FOLDER)));
    }

    /**
     * Splits the file, verifies its signature (when it has one), then reads manifest.json.
     *
     * @param file    the bundle
     * @param anchors where signature chains may end
     * @param now     when certificates must be valid
     * @param limits  size and entry limits
     * @return the bundle, unsigned, self-signed or chained
     * @throws BundleException         when the signature or the zip is refused (exit 4) or the file cannot be read
     * @throws McpbManifestException when manifest.json is missing or not an MCPB manifest (exit 4)
     */
    public static McpbBundle read(Path file, CertificateAnchors anchors, Instant now, BundleLimits limits)
            throws WardenException {
        McpbArchive archive = McpbArchive.read(file, limits);
        McpbSignature signature = new McpbSignatureVerifier(anchors, now).verify(archive);
        byte[] manifest = archive.entry("manifest.json", limits)
                .orElseThrow(() -> new McpbManifestException(file + " holds no manifest.json; it is not an MCPB bundle"));
        return new McpbBundle(archive, signature, McpbManifest.parse(manifest));
    }
}
