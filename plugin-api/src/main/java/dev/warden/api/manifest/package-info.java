/**
 * The plugin manifest as values: identity, version, permissions with their scope grammar and risk,
 * and declared connectors. Everything here is immutable and validated on construction.
 *
 * @since 0.1
 */
package dev.warden.api.manifest;
