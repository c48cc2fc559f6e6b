package dev.newsdesk.access;

import java.util.Set;

/**
 * Someone signed in through the issuer: {@code id} is stable and unique ("issuer subject"), {@code name}
 * and {@code email} are what the issuer says (may be null), {@code groups} its groups claim.
 */
public record Person(String id, String name, String email, Set<String> groups) {

    public Person {
        groups = Set.copyOf(groups);
    }

    /** How the page greets them: the name, else the email, else the id. */
    public String shown() {
        return name != null ? name : email != null ? email : id;
    }
}
