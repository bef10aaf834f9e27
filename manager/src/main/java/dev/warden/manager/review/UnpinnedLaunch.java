package dev.warden.manager.review;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds package runners in a command line that fetch code each time they start ({@code npx pkg@latest},
 * {@code npx pkg}, {@code uvx pkg}, {@code bunx}, {@code pnpm dlx}, {@code pipx run}, {@code deno run npm:pkg},
 * {@code go run module@latest}, a git source without a commit, a container image without a tag): what runs then is whatever the package's registry serves that day,
 * never what the person reviewed. A runner is found anywhere on the line, so {@code sh -c "npx pkg"} counts too.
 */
public final class UnpinnedLaunch {

    /** An exact version: no range, tag or wildcard. */
    private static final Pattern EXACT = Pattern.compile("v?[0-9]+(\\.[0-9]+){0,3}([-+][0-9A-Za-z.+-]+)?");
    private static final Pattern COMMIT = Pattern.compile("[0-9a-fA-F]{40}([0-9a-fA-F]{24})?");
    /** Runners whose first word after their options names the package they fetch. */
    private static final Set<String> NODE_RUNNERS = Set.of("npx", "bunx", "pnpx");
    private static final Set<String> PYTHON_RUNNERS = Set.of("uvx");
    /** Options of the runners that take the next word as their value. */
    private static final Set<String> VALUE_OPTIONS = Set.of("-p", "--package", "--from", "--with", "--python", "-c",
            "--call", "--index", "--index-url", "--extra-index-url", "--spec", "--pip-args", "--registry", "--cache",
            "--userconfig", "-w", "--workspace", "--with-requirements", "--constraints", "--overrides");
    private static final Set<String> CONTAINER_VALUE_OPTIONS = Set.of("-e", "--env", "-v", "--volume", "-p", "--publish",
            "--name", "-w", "--workdir", "-u", "--user", "--network", "--net", "--entrypoint", "-l", "--label", "--mount",
            "--env-file", "--platform", "-m", "--memory", "--cpus", "--add-host", "--dns", "-h", "--hostname", "--cap-add",
            "--cap-drop", "--security-opt", "--tmpfs", "--device", "--pull", "--runtime", "--ulimit", "--shm-size",
            "--log-driver", "--log-opt", "--restart", "--ipc", "--pid", "--userns", "--uts", "--group-add", "--label-file",
            "--cidfile", "--expose", "--health-cmd", "--stop-signal", "--stop-timeout", "--volumes-from", "--link");

    private UnpinnedLaunch() {
    }

    /**
     * @param words the program and its arguments as written; a word holding spaces (a shell script passed with
     *              {@code -c}) is split into words too
     * @return why the line fetches unpinned code when it starts, naming the runner and the package; empty when
     *     every runner on it names an exact version
     */
    public static Optional<String> of(List<String> words) {
        List<String> split = new ArrayList<>();
        for (String word : words) {
            for (String part : word.strip().split("\\s+")) {
                String bare = part.replaceAll("^[\"'(]+|[\"');&|]+$", "");
                if (!bare.isEmpty()) {
                    split.add(bare);
                }
            }
        }
        for (int i = 0; i < split.size(); i++) {
            String runner = name(split.get(i));
            Optional<String> found = Optional.empty();
            if (NODE_RUNNERS.contains(runner)) {
                found = node(runner, split, i + 1);
            } else if (PYTHON_RUNNERS.contains(runner)) {
                found = python(runner, split, i + 1);
            } else if (next(split, i, "dlx") && (runner.equals("pnpm") || runner.equals("yarn"))
                    || next(split, i, "x") && runner.equals("bun")
                    || (next(split, i, "exec") || next(split, i, "x")) && runner.equals("npm")) {
                found = node(runner + " " + split.get(i + 1), split, i + 2);
            } else if (next(split, i, "run") && runner.equals("pipx")
                    || next(split, i, "tool") && runner.equals("uv") && i + 2 < split.size() && split.get(i + 2).equals("run")) {
                int skip = runner.equals("uv") ? 3 : 2;
                found = python(String.join(" ", split.subList(i, i + skip)), split, i + skip);
            } else if (next(split, i, "run") && (runner.equals("docker") || runner.equals("podman"))) {
                found = container(runner + " run", split, i + 2);
            } else if (next(split, i, "run") && (runner.equals("deno") || runner.equals("go"))) {
                found = remoteModule(runner + " run", split, i + 2);
            }
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static boolean next(List<String> words, int i, String word) {
        return i + 1 < words.size() && words.get(i + 1).equals(word);
    }

    private static String name(String program) {
        String base = program.substring(program.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return base.endsWith(".cmd") || base.endsWith(".exe") ? base.substring(0, base.length() - 4) : base;
    }

    private static Optional<String> node(String runner, List<String> words, int from) {
        Optional<String> spec = Optional.empty();
        for (int i = from; i < words.size(); i++) {
            String word = words.get(i);
            if (word.equals("-p") || word.equals("--package")) {
                if (i + 1 < words.size() && !pinnedNode(words.get(i + 1))) {
                    return unpinned(runner, words.get(i + 1));
                }
                i++;
                spec = Optional.of("");
            } else if (word.startsWith("--package=")) {
                if (!pinnedNode(word.substring("--package=".length()))) {
                    return unpinned(runner, word.substring("--package=".length()));
                }
                spec = Optional.of("");
            } else if (word.equals("--")) {
                continue;
            } else if (word.startsWith("-")) {
                if (VALUE_OPTIONS.contains(word)) {
                    i++;
                }
            } else {
                // with --package the first word is the command of that package, already judged
                return spec.isPresent() || pinnedNode(word) ? Optional.empty() : unpinned(runner, word);
            }
        }
        return Optional.empty();
    }

    /** {@code pkg@1.2.3} or {@code @scope/pkg@1.2.3}; a local path or a file is not fetched. */
    private static boolean pinnedNode(String spec) {
        if (spec.startsWith(".") || spec.startsWith("/") || spec.startsWith("file:")) {
            return true;
        }
        int at = spec.lastIndexOf('@');
        if (at <= 0) {
            return false;
        }
        String version = spec.substring(at + 1);
        if (spec.contains("#")) {
            return COMMIT.matcher(spec.substring(spec.indexOf('#') + 1)).matches();
        }
        return EXACT.matcher(version).matches();
    }

    private static Optional<String> python(String runner, List<String> words, int from) {
        for (int i = from; i < words.size(); i++) {
            String word = words.get(i);
            if (word.equals("--from") || word.equals("--spec") || word.equals("--with")) {
                if (i + 1 < words.size() && !pinnedPython(words.get(i + 1))) {
                    return unpinned(runner, words.get(i + 1));
                }
                i++;
                if (!word.equals("--with")) {
                    return Optional.empty();
                }
            } else if (word.startsWith("--from=") || word.startsWith("--spec=")) {
                String spec = word.substring(word.indexOf('=') + 1);
                return pinnedPython(spec) ? Optional.empty() : unpinned(runner, spec);
            } else if (word.startsWith("-")) {
                if (VALUE_OPTIONS.contains(word)) {
                    i++;
                }
            } else {
                return pinnedPython(word) ? Optional.empty() : unpinned(runner, word);
            }
        }
        return Optional.empty();
    }

    /** {@code pkg==1.2.3}, {@code pkg@1.2.3}, or a git source at a full commit. */
    private static boolean pinnedPython(String spec) {
        if (spec.startsWith(".") || spec.startsWith("/") || spec.startsWith("file:")) {
            return true;
        }
        if (spec.startsWith("git+") || spec.contains("://")) {
            int at = spec.lastIndexOf('@');
            return at > spec.indexOf("://") + 3 && COMMIT.matcher(spec.substring(at + 1).replaceAll("#.*$", "")).matches();
        }
        int pin = spec.indexOf("==");
        if (pin > 0) {
            return EXACT.matcher(spec.substring(pin + 2).strip()).matches();
        }
        int at = spec.indexOf('@');
        return at > 0 && EXACT.matcher(spec.substring(at + 1)).matches();
    }

    private static Optional<String> container(String runner, List<String> words, int from) {
        for (int i = from; i < words.size(); i++) {
            String word = words.get(i);
            if (word.startsWith("-")) {
                if (CONTAINER_VALUE_OPTIONS.contains(word)) {
                    i++;
                }
                continue;
            }
            if (word.contains("@sha256:")) {
                return Optional.empty();
            }
            String last = word.substring(word.lastIndexOf('/') + 1);
            int colon = last.indexOf(':');
            boolean tagged = colon > 0 && !last.substring(colon + 1).equalsIgnoreCase("latest");
            return tagged ? Optional.empty() : unpinned(runner, word);
        }
        return Optional.empty();
    }

    /** {@code deno run npm:pkg}, {@code deno run https://...}, {@code go run module@latest}: a module fetched by name. */
    private static Optional<String> remoteModule(String runner, List<String> words, int from) {
        for (int i = from; i < words.size(); i++) {
            String word = words.get(i);
            if (word.startsWith("-")) {
                continue;
            }
            boolean fetched = word.startsWith("npm:") || word.startsWith("jsr:") || word.contains("://")
                    || runner.startsWith("go") && word.contains("@");
            if (!fetched) {
                return Optional.empty();
            }
            int at = word.lastIndexOf('@');
            boolean exact = !word.contains("://") && at > word.indexOf(':') + 1
                    && EXACT.matcher(word.substring(at + 1).replaceAll("/.*$", "")).matches();
            return exact ? Optional.empty() : unpinned(runner, word);
        }
        return Optional.empty();
    }

    private static Optional<String> unpinned(String runner, String spec) {
        return Optional.of(runner + " fetches " + spec + " without a fixed version each time it starts: what runs is"
                + " whatever its registry serves then, not what you review now");
    }
}
