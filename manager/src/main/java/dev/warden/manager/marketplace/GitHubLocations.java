package dev.warden.manager.marketplace;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The GitHub forms Claude Code's {@code marketplace add} takes, {@code owner/repo} and
 * {@code https://github.com/owner/repo}, read as the git URL {@code https://github.com/owner/repo.git}. A path that
 * exists on this machine stays a local folder, so no folder a person has is taken for a repository on GitHub.
 */
final class GitHubLocations {

    private static final String NAME = "([A-Za-z0-9][A-Za-z0-9-]{0,38})/([A-Za-z0-9._-]{1,100}?)";
    private static final Pattern SHORTHAND = Pattern.compile(NAME);
    private static final Pattern URL = Pattern.compile("(?i:https://github\\.com)/" + NAME + "(?:\\.git)?/?");

    private GitHubLocations() {
    }

    /** @return the git URL {@code location} stands for, or {@code location} itself when it is no GitHub form */
    static String expand(String location) {
        Matcher url = URL.matcher(location);
        if (url.matches()) {
            return cloneUrl(url);
        }
        Matcher shorthand = SHORTHAND.matcher(location);
        if (shorthand.matches() && !existsHere(location)) {
            return cloneUrl(shorthand);
        }
        return location;
    }

    private static String cloneUrl(Matcher match) {
        String repo = match.group(2).replaceFirst("\\.git$", "");
        if (repo.equals(".") || repo.equals("..")) {
            return match.group();
        }
        return "https://github.com/" + match.group(1) + "/" + repo + ".git";
    }

    private static boolean existsHere(String location) {
        try {
            return Files.exists(Path.of(location), LinkOption.NOFOLLOW_LINKS);
        } catch (InvalidPathException e) {
            return false;
        }
    }
}
