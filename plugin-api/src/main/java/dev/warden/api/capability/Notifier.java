package dev.warden.api.capability;

import dev.warden.api.Api;
/**
 * Tells the person something. Needs no permission; Warden shows which plugin speaks, escapes
 * control and invisible characters, and may rate-limit.
 */
@Api(status = Api.Status.STABLE, since = "0.1")
public interface Notifier {

    /** @param message a short, plain-text message */
    void tell(String message);

    /** @param message a short, plain-text message about something that needs the person's attention */
    void warn(String message);
}
