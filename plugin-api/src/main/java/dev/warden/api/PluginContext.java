package dev.warden.api;

import dev.warden.api.capability.DataShare;
import dev.warden.api.capability.Env;
import dev.warden.api.capability.Exec;
import dev.warden.api.capability.Files;
import dev.warden.api.capability.Http;
import dev.warden.api.capability.Notifier;
import dev.warden.api.capability.Scheduler;
import dev.warden.api.capability.Secrets;

/**
 * Everything a plugin may use, handed to it by Warden. Every capability is always present; one
 * whose permission was not granted throws {@link PermissionDeniedException} on every call, so a
 * plugin can handle a declined optional permission where it uses it.
 */
@Api(status = Api.Status.STABLE, since = "0.1")
public interface PluginContext {

    /** @return who this plugin is; never null */
    PluginInfo plugin();

    /** @return file access under the granted {@code fs.*} scopes; never null */
    Files files();

    /** @return HTTP to the granted {@code net.egress} origins; never null */
    Http http();

    /** @return references to the granted {@code secret.use} secrets; never null */
    Secrets secrets();

    /** @return the granted {@code process.exec} programs; never null */
    Exec exec();

    /** @return the granted {@code env.read} variables; never null */
    Env env();

    /** @return the granted {@code schedule} entries; never null */
    Scheduler scheduler();

    /** @return messages to the person; never null, needs no permission */
    Notifier notifier();

    /** @return payloads to the granted {@code data.share} plugins; never null */
    DataShare dataShare();
}
