package dev.warden.registry.git;

import dev.warden.io.UnsafeCharacters;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a marketplace entry's plugin files come from: one of Claude Code's {@code source} forms, or
 * Warden's own {@code archive} form. Forms that would run code while installing (npm, pip, ...) and
 * forms Warden does not know are {@link Unsupported}: listed, never installed.
 *
 * @since 0.1
 */
public sealed interface PluginSource {

    /** @return a one-line description for people, e.g. {@code github acme/tools at v1.2.0} */
    String describe();

    /** @return whether {@link GitMarketplace#materialise} can make this plugin available */
    default boolean installable() {
        return refusal().isEmpty();
    }

    /** @return why Warden refuses this source, or empty when it is installable */
    default Optional<String> refusal() {
        return Optional.empty();
    }

    /**
     * A folder inside the marketplace repository itself.
     *
     * @param path the folder relative to the repository root, normalised, {@code /}-separated, without
     *             a leading {@code ./}; empty for the root itself
     */
    record Relative(String path) implements PluginSource {
        /** @throws IllegalArgumentException if the path is absolute or leaves the repository */
        public Relative {
            Objects.requireNonNull(path, "path");
            if (!SourcePaths.isNormalised(path)) {
                throw new IllegalArgumentException("relative source " + UnsafeCharacters.quote(path)
                        + " must be a normalised path inside the repository");
            }
        }

        @Override
        public String describe() {
            return "folder ./" + path + " of the marketplace repository";
        }
    }

    /**
     * A GitHub repository, cloned over https.
     *
     * @param repo {@code owner/name}
     * @param ref  a branch or tag; empty for the default branch
     * @param sha  the full commit id the clone must arrive at, if the entry pins one
     */
    record GitHub(String repo, Optional<String> ref, Optional<String> sha) implements PluginSource {
        /** @throws IllegalArgumentException if repo is not owner/name, or ref or sha are malformed */
        public GitHub {
            if (!SourcePaths.isGitHubRepo(repo)) {
                throw new IllegalArgumentException("github repo " + UnsafeCharacters.quote(String.valueOf(repo))
                        + " must be owner/name");
            }
            SourcePaths.checkRefAndSha(ref, sha);
        }

        /** @return the https clone URL of the repository */
        public String url() {
            return "https://github.com/" + repo + ".git";
        }

        @Override
        public String describe() {
            return "github " + repo + SourcePaths.at(ref, sha);
        }
    }

    /**
     * Any git repository Warden may clone (see {@link GitMarketplace#cloneInto} for the URL forms).
     *
     * @param url the repository's URL
     * @param ref a branch or tag; empty for the default branch
     * @param sha the full commit id the clone must arrive at, if the entry pins one
     */
    record GitUrl(String url, Optional<String> ref, Optional<String> sha) implements PluginSource {
        /** @throws IllegalArgumentException if the URL uses a refused transport, or ref or sha are malformed */
        public GitUrl {
            GitLocations.check(url);
            SourcePaths.checkRefAndSha(ref, sha);
        }

        @Override
        public String describe() {
            return "git " + url + SourcePaths.at(ref, sha);
        }
    }

    /**
     * A folder inside another git repository.
     *
     * @param url  the repository's URL
     * @param path the folder inside it, normalised like {@link Relative#path()}
     * @param ref  a branch or tag; empty for the default branch
     * @param sha  the full commit id the clone must arrive at, if the entry pins one
     */
    record GitSubdir(String url, String path, Optional<String> ref, Optional<String> sha) implements PluginSource {
        /** @throws IllegalArgumentException if the URL, path, ref or sha are malformed */
        public GitSubdir {
            GitLocations.check(url);
            if (path == null || !SourcePaths.isNormalised(path)) {
                throw new IllegalArgumentException("git-subdir path " + UnsafeCharacters.quote(String.valueOf(path))
                        + " must be a normalised path inside the repository");
            }
            SourcePaths.checkRefAndSha(ref, sha);
        }

        @Override
        public String describe() {
            return "folder " + path + " of git " + url + SourcePaths.at(ref, sha);
        }
    }

    /**
     * A zip or tar.gz archive, checked against its SHA-256 before anything is extracted.
     *
     * @param url    an https or http URL ending in {@code .zip}, {@code .tar.gz} or {@code .tgz}
     * @param sha256 the archive's SHA-256, 64 lowercase hex digits
     */
    record Archive(String url, String sha256) implements PluginSource {
        /** @throws IllegalArgumentException if the URL or the digest are malformed */
        public Archive {
            ArchiveSource.checkUrl(url);
            if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("archive sha256 " + UnsafeCharacters.quote(String.valueOf(sha256))
                        + " must be 64 lowercase hex digits");
            }
        }

        @Override
        public String describe() {
            return "archive " + url + " (sha256 " + sha256.substring(0, 12) + "...)";
        }
    }

    /**
     * A source Warden does not install.
     *
     * @param kind   the source's kind as written ({@code npm}, {@code pip}, ...), or {@code invalid}
     *               for an entry Warden could not read
     * @param reason why, in plain words, with the JSON path when the entry is malformed
     */
    record Unsupported(String kind, String reason) implements PluginSource {
        /** @throws NullPointerException if kind or reason is null */
        public Unsupported {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String describe() {
            return kind + " (not installable)";
        }

        @Override
        public Optional<String> refusal() {
            return Optional.of(reason);
        }
    }
}
