package dev.newsdesk.access;

import java.util.Optional;

/**
 * Who may read which collections: people by their groups, Slack channels and direct messages, and the
 * admin API's tokens. {@link AccessFile} reads it from a YAML file and follows its changes.
 */
public interface Access {

    /** The collections {@code person}, signed in, may read. */
    Scope reader(Person person);

    /** What the Slack bot answers from in {@code channelId}, and whether only when mentioned there. */
    Channel channel(String channelId);

    /** What the Slack bot answers from in direct messages. */
    Scope directMessages();

    /** The collections an admin API token may add to and delete from; empty when the token is not one. */
    Optional<Scope> adminToken(String token);

    /** True when any admin token would be accepted now: the admin API is on. */
    boolean hasAdminTokens();

    /** A Slack channel's rules. */
    record Channel(Scope scope, boolean mentionOnly) {
    }
}
