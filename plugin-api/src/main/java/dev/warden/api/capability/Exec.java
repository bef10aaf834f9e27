package dev.warden.api.capability;

/**
 * Runs programs granted by {@code process.exec}, with the arguments its pattern allows.
 *
 * @since 0.1
 */
public interface Exec {

    /**
     * @param request the program, arguments, input and timeout
     * @return how the program ended, including when it timed out
     * @throws dev.warden.api.PermissionDeniedException if the program or its arguments are not granted
     * @throws CapabilityException                      if the program could not be started
     */
    ExecResult run(ExecRequest request) throws CapabilityException;
}
