/**
 * The capabilities a plugin receives in its {@link dev.warden.api.PluginContext}, each with the
 * requests, results and exceptions it names. Every call is checked against the person's grants and
 * audited; the implementations live in the Warden host.
 */
package dev.warden.api.capability;
