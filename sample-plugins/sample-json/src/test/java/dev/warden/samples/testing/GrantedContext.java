package dev.warden.samples.testing;

import dev.warden.api.PluginContext;
import dev.warden.api.PluginInfo;
import dev.warden.api.capability.DataShare;
import dev.warden.api.capability.Env;
import dev.warden.api.capability.Exec;
import dev.warden.api.capability.Files;
import dev.warden.api.capability.Http;
import dev.warden.api.capability.Notifier;
import dev.warden.api.capability.Scheduler;
import dev.warden.api.capability.Secrets;

/**
 * The context a sample's tests run it in: only the capabilities granted here exist; asking for any other one fails
 * the test, the way a sample that reaches beyond its plugin.json would be refused by Warden.
 */
public record GrantedContext(PluginInfo plugin, Files files, Http http) implements PluginContext {

    /** A context for the sample {@code warden-samples/<name>} at 1.0.0 that grants nothing yet. */
    public static GrantedContext forSample(String name) {
        return new GrantedContext(new PluginInfo("warden-samples/" + name, "1.0.0"), null, null);
    }

    public GrantedContext grantingFiles(Files granted) {
        return new GrantedContext(plugin, granted, http);
    }

    public GrantedContext grantingHttp(Http granted) {
        return new GrantedContext(plugin, files, granted);
    }

    @Override public Files files() { return granted(files, "files"); }
    @Override public Http http() { return granted(http, "network"); }
    @Override public Secrets secrets() { return granted(null, "secrets"); }
    @Override public Exec exec() { return granted(null, "programs"); }
    @Override public Env env() { return granted(null, "environment"); }
    @Override public Scheduler scheduler() { return granted(null, "schedules"); }
    @Override public Notifier notifier() { return granted(null, "notifications"); }
    @Override public DataShare dataShare() { return granted(null, "sharing"); }

    private <T> T granted(T capability, String what) {
        if (capability == null) {
            throw new AssertionError(plugin.id() + " is granted no " + what);
        }
        return capability;
    }
}
