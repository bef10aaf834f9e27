package dev.warden.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The stability mark every public type of this API carries; a nested type has its enclosing
 * type's mark.
 */
@Api(status = Api.Status.STABLE, since = "0.1")
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Api {

    /** @return how far the type may change */
    Status status();

    /** @return the Warden version that added the type, e.g. {@code 0.1} */
    String since();

    /** How far a type may change. */
    enum Status {
        /** Changes only compatibly within a major version. */
        STABLE,
        /** May change in any release; plugins using it may need a rebuild. */
        EXPERIMENTAL
    }
}
