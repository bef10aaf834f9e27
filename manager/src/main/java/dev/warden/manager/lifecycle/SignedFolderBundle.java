package dev.warden.manager.lifecycle;

import dev.warden.signing.BundleException;
import dev.warden.signing.BundleException.Failure;
import dev.warden.signing.FileEntry;
import dev.warden.signing.OpenedBundle;
import dev.warden.signing.VerifiedFolder;
import java.util.Map;
import java.util.TreeMap;

/**
 * The bundle Warden makes from a signed Claude plugin folder carries the folder's signature only if it
 * holds exactly the verified files: each file of the folder but {@code .claude-plugin/}, byte for byte,
 * plus Warden's own {@code plugin.json}, which is made from the verified {@code .claude-plugin/plugin.json}.
 */
final class SignedFolderBundle {

    private static final String CLAUDE_FOLDER = ".claude-plugin/";
    private static final String WARDEN_MANIFEST = "plugin.json";

    private SignedFolderBundle() {
    }

    /** @throws BundleException UNLISTED_ENTRY, MISSING_ENTRY or CONTENT_MISMATCH naming the first file that differs */
    static void check(OpenedBundle bundle, VerifiedFolder folder) throws BundleException {
        Map<String, FileEntry> signed = new TreeMap<>();
        for (FileEntry f : folder.files()) {
            if (!f.path().startsWith(CLAUDE_FOLDER)) {
                signed.put(f.path(), f);
            }
        }
        String what = "the bundle made from the signed folder of " + folder.identity();
        for (FileEntry f : bundle.files()) {
            if (f.path().equals(WARDEN_MANIFEST)) {
                continue;
            }
            FileEntry expected = signed.remove(f.path());
            if (expected == null) {
                throw new BundleException(Failure.UNLISTED_ENTRY, f.path(), what + " holds '" + f.path()
                        + "', which the publisher did not sign; not installed");
            }
            if (!expected.equals(f)) {
                throw new BundleException(Failure.CONTENT_MISMATCH, f.path(), what + " holds '" + f.path()
                        + "' other than the publisher signed it (the folder changed while it was read); not installed");
            }
        }
        if (!signed.isEmpty()) {
            String path = signed.keySet().iterator().next();
            throw new BundleException(Failure.MISSING_ENTRY, path, what + " lacks '" + path
                    + "', which the publisher signed; not installed");
        }
    }
}
