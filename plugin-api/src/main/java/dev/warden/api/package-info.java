/**
 * What plugin authors implement ({@link dev.warden.api.WardenPlugin}, {@link dev.warden.api.Connector})
 * and what they are given ({@link dev.warden.api.PluginContext}). Plugins depend on this module only.
 *
 * @since 0.1
 */
package dev.warden.api;
