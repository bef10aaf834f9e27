package dev.warden.api.capability;

import dev.warden.api.Api;
import java.util.List;
import java.util.Optional;

/**
 * Files under the granted {@code fs.read}, {@code fs.write} and {@code fs.delete} scopes. Paths are
 * strings starting with {@code ${workspace}}, {@code ${plugin_data}} or {@code ${home}}, separated by
 * {@code /}; Warden canonicalises them, resolves links and checks the result against the grants.
 * A path outside the grants, or one that fails those checks, throws
 * {@link dev.warden.api.PermissionDeniedException}.
 */
@Api(status = Api.Status.STABLE, since = "0.1")
public interface Files {

    /**
     * @param path the file to read, e.g. {@code ${workspace}/reports/today.csv}
     * @return the file's bytes, or empty if there is no such file
     * @throws CapabilityException.LimitExceeded if the file is larger than Warden's read limit
     * @throws CapabilityException    if the file exists but cannot be read, or is a folder
     */
    Optional<byte[]> read(String path) throws CapabilityException;

    /**
     * Creates or replaces a file atomically, creating missing parent folders. Never creates links.
     *
     * @param path    the file to write
     * @param content the new content
     * @throws CapabilityException.LimitExceeded if the content is larger than Warden's write limit
     * @throws CapabilityException    if the file cannot be written
     */
    void write(String path, byte[] content) throws CapabilityException;

    /**
     * @param folder a folder path
     * @return the paths of the folder's direct entries, sorted, in the same notation as the input;
     *         empty if the folder is empty or does not exist
     * @throws CapabilityException if the folder cannot be read or is a file
     */
    List<String> list(String folder) throws CapabilityException;

    /**
     * Moves a file or folder to Warden's trash, after asking the person unless the grant says
     * "without asking". Nothing is deleted outright.
     *
     * @param path the file or folder to remove
     * @return true if it was moved to the trash, false if there was nothing at that path
     * @throws CapabilityException.Declined   if the person declined the deletion
     * @throws CapabilityException if it could not be moved
     */
    boolean delete(String path) throws CapabilityException;

    /**
     * @param path a file or folder path; needs {@code fs.read} on it
     * @return whether something exists at that path
     */
    boolean exists(String path);
}
