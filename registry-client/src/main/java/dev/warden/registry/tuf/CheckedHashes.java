package dev.warden.registry.tuf;

import dev.warden.io.UnsafeCharacters;
import dev.warden.io.Digests;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The hashes signed metadata lists for a file, reduced to those Warden checks ({@link Digests#checkable}).
 * A listing whose hashes are all of algorithms Warden does not check is refused: taking the file on its
 * length alone would be weaker than what the metadata asked for.
 */
final class CheckedHashes {

    private CheckedHashes() {
    }

    /**
     * @param listed   the hashes as listed, possibly empty (then nothing is refused and nothing checked)
     * @param file     the file they are for, in messages
     * @param listedBy the metadata that lists them, in messages
     * @return the listed hashes Warden checks, in the order listed
     * @throws TufException ({@link TufException.Kind#MISMATCH}) when hashes are listed but none is checked
     */
    static Map<String, String> of(Map<String, String> listed, String file, String listedBy) throws TufException {
        Map<String, String> checked = Digests.checkable(listed);
        if (checked.isEmpty() && !listed.isEmpty()) {
            String names = listed.keySet().stream().map(UnsafeCharacters::quote).collect(Collectors.joining(", "));
            throw new TufException(TufException.Kind.MISMATCH, listedBy + " lists only hashes Warden does not check ("
                    + names + ") for " + file + "; Warden checks " + String.join(", ", Digests.CHECKED)
                    + " and does not take a file unverified; " + Messages.ATTACK_ADVICE);
        }
        return checked;
    }
}
