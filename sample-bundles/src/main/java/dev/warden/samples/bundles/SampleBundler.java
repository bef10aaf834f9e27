package dev.warden.samples.bundles;

import dev.warden.catalog.manifest.ManifestException;
import dev.warden.catalog.manifest.ManifestParser;
import dev.warden.catalog.manifest.PluginManifest;
import dev.warden.io.WardenException;
import dev.warden.manager.cli.WardenMain;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Signs every built sample plugin the way a publisher ships one, by running Warden's own commands
 * in this JVM: a publisher key made once into {@code TARGET/keys}, then {@code lint --strict},
 * {@code pack} and {@code sign} of each {@code sample-plugins/NAME/target/plugin} into
 * {@code TARGET/bundles/warden-samples-NAME-VERSION.wpk}. Every command's output goes to
 * {@code TARGET/sample-bundles.log}; the first failing command stops the build with its output.
 */
public final class SampleBundler {

    /** The publisher every sample declares, and the id of the key made for them. */
    public static final String PUBLISHER = "warden-samples";

    private final Path samplePlugins;
    private final Path keys;
    private final Path bundles;
    private final Path log;
    private final Map<String, String> env;

    /**
     * @param samplePlugins the repository's {@code sample-plugins} folder
     * @param target        where the key, the bundles, the log and Warden's scratch home go
     */
    public SampleBundler(Path samplePlugins, Path target) {
        this.samplePlugins = Objects.requireNonNull(samplePlugins, "samplePlugins").toAbsolutePath().normalize();
        Path out = Objects.requireNonNull(target, "target").toAbsolutePath().normalize();
        this.keys = out.resolve("keys");
        this.bundles = out.resolve("bundles");
        this.log = out.resolve("sample-bundles.log");
        // pack and sign touch no state, but a command never falls back to the person's ~/.warden here
        this.env = Map.of("WARDEN_HOME", out.resolve("warden-home").toString(),
                "WARDEN_SYSTEM_DIR", out.resolve("warden-system").toString());
    }

    /** {@code SampleBundler SAMPLE_PLUGINS_DIR TARGET_DIR}, as the build runs it. */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: SampleBundler SAMPLE_PLUGINS_DIR TARGET_DIR");
        }
        new SampleBundler(Path.of(args[0]), Path.of(args[1])).build();
    }

    /** @return the private key file, {@code TARGET/keys/warden-samples.key} */
    public Path keyFile() {
        return keys.resolve(PUBLISHER + ".key");
    }

    /** @return the publisher's directory entry to trust, {@code TARGET/keys/warden-samples.pub.json} */
    public Path publicEntry() {
        return keys.resolve(PUBLISHER + ".pub.json");
    }

    /**
     * Makes the key if there is none yet, then lints, packs and signs every sample; bundles of
     * samples that no longer exist are removed first.
     *
     * @return the signed bundles, in sample name order
     * @throws BundlingException if a sample is not built, or a Warden command fails
     * @throws IOException       if the target folders cannot be written
     */
    public List<Path> build() throws BundlingException, IOException {
        Files.createDirectories(bundles);
        Files.deleteIfExists(log);
        try (DirectoryStream<Path> old = Files.newDirectoryStream(bundles, "*.wpk")) {
            for (Path bundle : old) {
                Files.delete(bundle);
            }
        }
        if (!Files.exists(keyFile())) {
            warden("keys", "generate", "--publisher", PUBLISHER, "--name", "Warden sample plugins", "--out", keys.toString());
        }
        List<Path> signed = new ArrayList<>();
        for (Path plugin : builtSamples()) {
            String lint = warden("lint", "--strict", plugin.toString());
            if (!lint.contains("no problems found")) {
                throw new BundlingException("warden lint --strict " + plugin + " found problems:\n" + lint);
            }
            Path bundle = bundles.resolve(bundleName(plugin));
            warden("pack", plugin.toString(), "--out", bundle.toString());
            warden("sign", bundle.toString(), "--key", keyFile().toString());
            signed.add(bundle);
        }
        return signed;
    }

    /** @return {@code NAME/target/plugin} of every sample module, which must have been built */
    private List<Path> builtSamples() throws IOException, BundlingException {
        List<Path> modules;
        try (Stream<Path> entries = Files.list(samplePlugins)) {
            modules = entries.filter(m -> Files.isRegularFile(m.resolve("src/main/plugin/plugin.json"))).sorted().toList();
        }
        if (modules.isEmpty()) {
            throw new BundlingException("no sample plugins in " + samplePlugins);
        }
        List<Path> built = new ArrayList<>();
        for (Path module : modules) {
            Path plugin = module.resolve("target/plugin");
            if (!Files.isRegularFile(plugin.resolve("plugin.json"))) {
                throw new BundlingException("the sample " + module.getFileName() + " is not built (no " + plugin
                        + "); build the samples with this module, e.g. mvn -pl sample-bundles -am package");
            }
            built.add(plugin);
        }
        return built;
    }

    /** @return {@code PUBLISHER-NAME-VERSION.wpk}, as {@code warden pack} names a bundle by default */
    private static String bundleName(Path plugin) throws IOException, BundlingException {
        try {
            PluginManifest manifest = ManifestParser.standard().parse(Files.readAllBytes(plugin.resolve("plugin.json")));
            return manifest.publisher() + "-" + manifest.name() + "-" + manifest.version() + ".wpk";
        } catch (ManifestException e) {
            throw new BundlingException(plugin.resolve("plugin.json") + " is not a valid manifest:\n" + e.getMessage());
        }
    }

    /** Runs one command in this JVM; @return its output, or throws with it if the command failed */
    private String warden(String... args) throws BundlingException, IOException {
        StringWriter output = new StringWriter();
        int code;
        try (PrintWriter out = new PrintWriter(output, true)) {
            code = WardenMain.run(env, out, out, args);
        }
        String line = "$ warden " + String.join(" ", args) + "\n" + output + (code == 0 ? "" : "(exit " + code + ")\n");
        Files.writeString(log, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        if (code != 0) {
            throw new BundlingException("'warden " + String.join(" ", args) + "' exited " + code + ":\n" + output);
        }
        return output.toString();
    }

    /** A sample is not built, or one of Warden's commands refused it; the message holds the command's output. */
    public static final class BundlingException extends WardenException {

        private static final long serialVersionUID = 1L;

        BundlingException(String message) {
            super(Category.ERROR, message);
        }
    }
}
