package dev.warden.manager.sandbox;

/** How a plugin's code is kept to its grants (DESIGN 6.5). */
public enum IsolationMode {
    /** In its own process under bubblewrap: the OS is the wall, the broker checks the calls. */
    PROCESS,
    /** In Warden's own process: bytecode verification and the broker's checks only (DESIGN 6.2, 6.3). */
    IN_PROCESS
}
