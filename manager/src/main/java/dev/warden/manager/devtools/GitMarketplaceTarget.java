package dev.warden.manager.devtools;

import dev.warden.catalog.manifest.PluginManifest;
import dev.warden.io.AtomicFiles;
import dev.warden.io.WardenException;
import dev.warden.manager.imports.ClaudeFolderSigning;
import dev.warden.registry.git.GitMarketplaceWriter;
import dev.warden.registry.git.GitMarketplaceWriter.NewMarketplace;
import dev.warden.registry.git.GitMarketplaceWriter.Publication;
import dev.warden.signing.BundleIdentity;
import dev.warden.signing.FolderSignature;
import dev.warden.signing.SigningKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Publishes a Claude plugin folder into a git marketplace (Claude Code's {@code .claude-plugin/marketplace.json} in a
 * local repository): the folder is signed in place with the publisher's key ({@value FolderSignature#FILE}, so Claude
 * Code still installs it unchanged and Warden installs it as verified), then copied into the marketplace and committed.
 * If publishing fails, the folder's signature file is put back as it was.
 */
public final class GitMarketplaceTarget implements ReleaseTarget {

    private static final Pattern KEBAB = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private final Path marketplace;
    private final Path pluginFolder;

    private GitMarketplaceTarget(Path marketplace, Path pluginFolder) {
        this.marketplace = marketplace.toAbsolutePath().normalize();
        this.pluginFolder = pluginFolder.toAbsolutePath().normalize();
    }

    /**
     * @param marketplace a local git marketplace repository with nothing uncommitted, or a missing or empty folder
     *                    where one is made
     * @param project     the project being released
     * @throws DevelopmentException (usage) unless the project is a Claude plugin folder
     */
    public static GitMarketplaceTarget of(Path marketplace, PluginProject project) throws DevelopmentException {
        if (project.form() != PluginProject.Form.CLAUDE) {
            throw new DevelopmentException(WardenException.Category.USAGE, "a git marketplace holds Claude plugin folders,"
                    + " and " + project.dir() + " is a Maven project; release it to a signed repository with --repo SITE");
        }
        return new GitMarketplaceTarget(marketplace, project.dir());
    }

    @Override
    public String publish(Path staged, PluginManifest manifest, SigningKey key) throws Exception {
        Path signature = pluginFolder.resolve(FolderSignature.FILE);
        Optional<byte[]> before = Files.isRegularFile(signature, LinkOption.NOFOLLOW_LINKS)
                ? Optional.of(Files.readAllBytes(signature)) : Optional.empty();
        boolean published = false;
        try {
            BundleIdentity identity = ClaudeFolderSigning.sign(pluginFolder, key);
            Publication publication = GitMarketplaceWriter.publish(marketplace, pluginFolder,
                    new NewMarketplace(newMarketplaceName(key), key.publisher()));
            published = true;
            return "Released " + identity.pluginId() + " " + identity.version() + " to the git marketplace '"
                    + publication.marketplace() + "' at " + marketplace + " (commit " + publication.commit().substring(0, 12)
                    + "), signed in " + FolderSignature.FILE + "; Claude Code users install it with 'claude plugin install "
                    + publication.plugin() + "@" + publication.marketplace() + "'";
        } finally {
            if (!published) {
                restore(signature, before);
            }
        }
    }

    /** The folder's name when it is kebab-case (what Claude Code users type after {@code @}), else PUBLISHER-plugins. */
    private String newMarketplaceName(SigningKey key) {
        Path name = marketplace.getFileName();
        return name != null && KEBAB.matcher(name.toString()).matches() && name.toString().length() <= 64
                ? name.toString() : key.publisher() + "-plugins";
    }

    private static void restore(Path signature, Optional<byte[]> before) throws IOException {
        if (before.isPresent()) {
            AtomicFiles.write(signature, before.get());
        } else {
            Files.deleteIfExists(signature);
        }
    }
}
