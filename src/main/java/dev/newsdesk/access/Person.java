package dev.newsdesk.access;

import java.util.Objects;
import java.util.Set;

/**
 * Someone signed in through the issuer: {@code id} is stable and unique ("issuer subject"); {@code name} is
 * what the issuer calls them (may be null); {@code email} their address only when the issuer says it is
 * verified (else null: an unverified address proves nothing); {@code domain} their organisation's domain, the
 * issuer's hosted-domain claim or the verified address's (may be null); {@code groups} its groups claim.
 */
public record Person(String id, String name, String email, String domain, Set<String> groups) {

    public Person {
        Objects.requireNonNull(id, "id");
        groups = Set.copyOf(groups);
    }

    /** How the page greets them: the name, else the email, else the id. */
    public String shown() {
        return name != null ? name : email != null ? email : id;
    }
}
