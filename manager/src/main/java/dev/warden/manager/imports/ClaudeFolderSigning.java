package dev.warden.manager.imports;

import dev.warden.catalog.manifest.Version;
import dev.warden.io.UnsafeCharacters;
import dev.warden.signing.BundleException;
import dev.warden.signing.BundleIdentity;
import dev.warden.signing.FolderSignature;
import dev.warden.signing.SigningKey;
import dev.warden.io.WardenException;
import java.nio.file.Path;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Signs a Claude Code plugin folder in place for its publisher ({@link FolderSignature}): the identity
 * is the key's publisher with the name and version of {@code .claude-plugin/plugin.json}, read by the
 * rules {@link ClaudePluginImport} reads them with, so a verified folder converts to exactly that id.
 *
 * @since 0.1
 */
public final class ClaudeFolderSigning {

    private ClaudeFolderSigning() {
    }

    /**
     * @param claudePluginFolder a folder with {@code .claude-plugin/plugin.json}
     * @param key                the publisher's key; the plugin is signed as {@code key.publisher()/name}
     * @return the signed identity (the version normalised as install normalises it, {@code 1.2} to {@code 1.2.0})
     * @throws ClaudeImportException when plugin.json is missing or malformed, its name is not kebab-case, or it has
     *     no version (a signed plugin needs one) or one that is not a version
     * @throws BundleException as {@link FolderSignature#sign}: a link or unsafe name in the folder, limits, IO
     */
    public static BundleIdentity sign(Path claudePluginFolder, SigningKey key) throws WardenException {
        return FolderSignature.sign(claudePluginFolder, identity(claudePluginFolder, key.publisher()), key);
    }

    /** The identity {@code publisher} signs the folder as. */
    static BundleIdentity identity(Path folder, String publisher) throws ClaudeImportException {
        JsonNode claude = ClaudeJson.read(folder, folder.resolve(ClaudePluginImport.CLAUDE_MANIFEST));
        if (!claude.isObject()) {
            throw new ClaudeImportException(ClaudePluginImport.CLAUDE_MANIFEST + " must be a JSON object");
        }
        String name = ClaudePluginImport.kebabName(ClaudePluginImport.string(claude, "name")
                .orElseThrow(() -> new ClaudeImportException(ClaudePluginImport.CLAUDE_MANIFEST + " has no \"name\";"
                        + " a signed plugin is published under its name")));
        Optional<String> given = ClaudePluginImport.string(claude, "version");
        if (given.isEmpty()) {
            throw new ClaudeImportException(ClaudePluginImport.CLAUDE_MANIFEST + " has no \"version\"; a signed plugin"
                    + " needs one, so that an update can be told from a replay of an old version: add e.g."
                    + " \"version\": \"1.0.0\" and sign again");
        }
        Version version = ClaudePluginImport.version(Optional.empty(), given);
        try {
            return new BundleIdentity(publisher, name, version.toString());
        } catch (IllegalArgumentException e) {
            throw new ClaudeImportException("cannot sign " + UnsafeCharacters.quote(name) + " " + version + " for "
                    + UnsafeCharacters.quote(publisher) + ": " + e.getMessage(), e);
        }
    }
}
