package dev.warden.catalog.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Lays out a plugin source folder in a temporary directory, one part at a time. */
public final class PluginFolder {

    private final Path root;

    private PluginFolder(Path root) {
        this.root = root;
    }

    /** @return a builder writing into {@code root} */
    public static PluginFolder in(Path root) {
        return new PluginFolder(root);
    }

    /** @return the folder */
    public Path root() {
        return root;
    }

    /** @return this, with {@code plugin.json} at the root */
    public PluginFolder manifest(ManifestJson json) {
        return file("plugin.json", json.text());
    }

    /** @return this, with the manifest at {@code .claude-plugin/plugin.json} */
    public PluginFolder claudeManifest(ManifestJson json) {
        return file(".claude-plugin/plugin.json", json.text());
    }

    /** @return this, with {@code skills/<name>/SKILL.md} having the given front matter lines */
    public PluginFolder skill(String name, String frontMatter) {
        return file("skills/" + name + "/SKILL.md", "---\n" + frontMatter + "\n---\n\nDo the " + name + " thing.\n");
    }

    /** @return this, with a complete skill */
    public PluginFolder skill(String name) {
        return skill(name, "name: " + name + "\ndescription: Use when the " + name + " is needed");
    }

    /** @return this, with {@code agents/<name>.md} having the given front matter lines */
    public PluginFolder agent(String name, String frontMatter) {
        return file("agents/" + name + ".md", "---\n" + frontMatter + "\n---\n\nYou review code.\n");
    }

    /** @return this, with a complete agent */
    public PluginFolder agent(String name) {
        return agent(name, "name: " + name + "\ndescription: Reviews changes\ntools: Read, Grep");
    }

    /** @return this, with a file at the relative path */
    public PluginFolder file(String relative, String content) {
        try {
            Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return this, with an empty folder at the relative path */
    public PluginFolder folder(String relative) {
        try {
            Files.createDirectories(root.resolve(relative));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return this, with a symbolic link at {@code relative} pointing to {@code target} */
    public PluginFolder symlink(String relative, Path target) {
        try {
            Path link = root.resolve(relative);
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, target);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
