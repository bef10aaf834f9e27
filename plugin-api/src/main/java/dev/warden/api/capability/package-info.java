/**
 * The capabilities a plugin receives in its {@link dev.warden.api.PluginContext}. Each call is
 * checked against the person's grants and audited; implementations live in the Warden host.
 *
 * @since 0.1
 */
package dev.warden.api.capability;
