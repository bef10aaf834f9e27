package dev.warden.manager.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.manager.testing.PluginSource;
import dev.warden.signing.BundleLimits;
import dev.warden.signing.BundleSigner;
import dev.warden.signing.BundleWriter;
import dev.warden.signing.KeyFiles;
import java.nio.file.Path;

/**
 * A test publisher: its key, and signed bundles built with the real pack and sign commands.
 *
 * @param warden  runs the commands; the key is generated with it on construction
 * @param workDir where the key, the plugin folders and the bundles are written
 * @param id      the publisher id
 */
public record Publisher(CliRunner warden, Path workDir, String id) {

    public Publisher {
        // the fields are set only after this body: the parameters name the folder
        CliRunner.Result generated = warden.run("keys", "generate", "--publisher", id,
                "--out", workDir.resolve("keys").toString());
        assertThat(generated.exitCode()).as(generated.all()).isZero();
    }

    public Path keys() {
        return workDir.resolve("keys");
    }

    public Path publicEntry() {
        return keys().resolve(id + ".pub.json");
    }

    public Publisher trusted() {
        CliRunner.Result added = warden.run("trust", "add", publicEntry().toString(), "--yes");
        assertThat(added.exitCode()).as(added.all()).isZero();
        return this;
    }

    /**
     * Packs and signs {@code source} with the library, skipping the linter: what a hostile
     * publisher with a trusted key could produce.
     */
    public Path signUnlinted(PluginSource source, String fileName) throws Exception {
        return signFolder(source.writeTo(workDir.resolve("src").resolve(fileName)), fileName);
    }

    /** Packs and signs the plugin folder {@code src} with the library, skipping the linter. */
    public Path signFolder(Path src, String fileName) throws Exception {
        Path bundle = workDir.resolve(fileName + ".wpk");
        BundleWriter.pack(src, bundle, BundleLimits.defaults());
        BundleSigner.sign(bundle, KeyFiles.read(keys().resolve(id + ".key")), BundleLimits.defaults());
        return bundle;
    }

    /** Packs and signs {@code source}, returning the bundle. */
    public Path sign(PluginSource source, String fileName) throws Exception {
        Path src = source.writeTo(workDir.resolve("src").resolve(fileName));
        Path bundle = workDir.resolve(fileName + ".wpk");
        CliRunner.Result packed = warden.run("pack", src.toString(), "--out", bundle.toString());
        assertThat(packed.exitCode()).as(packed.all()).isZero();
        CliRunner.Result signed = warden.run("sign", bundle.toString(), "--key", keys().resolve(id + ".key").toString());
        assertThat(signed.exitCode()).as(signed.all()).isZero();
        return bundle;
    }
}
