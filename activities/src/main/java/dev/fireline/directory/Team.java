package dev.fireline.directory;

import java.util.List;

public record Team(String id, String name, List<String> members, String lead) {}
