package dev.fireline.warroom;

/**
 * An incident's Slack channel, as the war room activity created (or found) it.
 *
 * @param channelId Slack's id ({@code C...}); what the api looks incidents up by
 * @param channelName without the {@code #}, e.g. {@code inc-20261206-checkout-returns-500}
 * @param archived the channel was archived (the incident is over); nothing is posted any more
 */
public record WarRoom(String channelId, String channelName, boolean archived) {}
