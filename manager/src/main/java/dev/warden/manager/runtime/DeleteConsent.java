package dev.warden.manager.runtime;

/**
 * Asks the person whether a plugin may move a file or folder to Warden's trash. The scope grammar
 * has no way to grant {@code fs.delete} "without asking" yet, so {@link GrantedFiles} asks before
 * every deletion.
 */
@FunctionalInterface
public interface DeleteConsent {

    /**
     * @param canonicalPath the real path that would be moved to the trash
     * @return true if the person agrees; false to refuse this one deletion
     */
    boolean confirm(String canonicalPath);
}
