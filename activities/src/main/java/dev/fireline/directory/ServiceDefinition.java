package dev.fireline.directory;

import java.util.List;

/**
 * A service incidents are declared on: who owns it, which policy pages, where its runbook is, which
 * status-page component it is, and the integration keys alert sources use to reach it.
 */
public record ServiceDefinition(
    String id,
    String name,
    String team,
    String escalationPolicy,
    String runbookUrl,
    String statusPageComponent,
    List<String> integrationKeys,
    boolean autoResolve) {}
