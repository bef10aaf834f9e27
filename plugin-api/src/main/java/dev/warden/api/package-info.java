/**
 * The contract between Warden and a plugin, and all a plugin compiles against. A plugin implements
 * {@link dev.warden.api.WardenPlugin} and its {@link dev.warden.api.Connector}s, receives each tool
 * call with its input already parsed ({@link dev.warden.api.Json}), and reaches files, network,
 * programs and secrets only through the {@link dev.warden.api.PluginContext}. Every public type
 * carries its stability as {@link dev.warden.api.Api}.
 */
package dev.warden.api;
