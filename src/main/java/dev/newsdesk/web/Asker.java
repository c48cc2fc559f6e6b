package dev.newsdesk.web;

import dev.newsdesk.access.Person;
import dev.newsdesk.access.Scope;
import io.javalin.http.Context;
import io.javalin.http.UnauthorizedResponse;

/**
 * Who asks in a request and what they may read, as the gate found it: a signed-in person and their
 * collections, or, with sign-in off, anyone and every collection. A request the gate did not pass has none,
 * and asking for it then refuses the request: a route forgotten by the gate fails closed.
 */
record Asker(Person person, Scope scope) {

    static final Asker ANYONE = new Asker(null, Scope.ALL);
    private static final String ATTRIBUTE = "newsdesk.asker";

    static Asker of(Context ctx) {
        Asker asker = ctx.attribute(ATTRIBUTE);
        if (asker == null) {
            throw new UnauthorizedResponse(SignIn.SIGN_IN_FIRST);
        }
        return asker;
    }

    void admit(Context ctx) {
        ctx.attribute(ATTRIBUTE, this);
    }

    /** Whose conversations these are: null for anyone (sign-in off). */
    String owner() {
        return person == null ? null : person.id();
    }
}
