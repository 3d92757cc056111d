package io.actortrading.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code atctl cluster ...}: membership as Pekko Management's {@code /cluster/members} reports it. */
@Command(name = "cluster", description = "Cluster membership: show, status, leader.")
final class ClusterPalette extends Palette {

    static final String MEMBERS_ROUTE = "/cluster/members";

    @Command(name = "show", description = "Every member: address, roles, status, reachability; leader, oldest and self marked.")
    int show() {
        return printGet(MEMBERS_ROUTE, ClusterPalette::renderMembers);
    }

    @Command(name = "status", description = "One line: this node's status, members up / total, unreachable count.")
    int status() {
        return printGet(MEMBERS_ROUTE, ClusterPalette::renderStatus);
    }

    @Command(name = "leader", description = "The leader's address.")
    int leader() {
        return printGet(MEMBERS_ROUTE, ClusterPalette::renderLeader);
    }

    static String renderMembers(JsonNode cluster) {
        String self = cluster.path("selfNode").asText("");
        String leader = cluster.path("leader").asText("");
        String oldest = cluster.path("oldest").asText("");
        Set<String> unreachable = unreachableNodes(cluster);
        List<JsonNode> members = new ArrayList<>();
        cluster.path("members").forEach(members::add);
        members.sort(Comparator.comparing(m -> m.path("node").asText()));
        TableRenderer table = TableRenderer.withColumns("ADDRESS", "ROLES", "STATUS", "REACHABLE", "MARKS");
        for (JsonNode member : members) {
            String node = member.path("node").asText();
            List<String> marks = new ArrayList<>();
            if (node.equals(leader)) {
                marks.add("leader");
            }
            if (node.equals(oldest)) {
                marks.add("oldest");
            }
            if (node.equals(self)) {
                marks.add("self");
            }
            table.row(node, sortedList(member.path("roles")), Cells.text(member.path("status")),
                    unreachable.contains(node) ? "no" : "yes", String.join(",", marks));
        }
        return table.render() + summary(cluster) + "\n";
    }

    static String renderStatus(JsonNode cluster) {
        String self = cluster.path("selfNode").asText("");
        String selfStatus = "unknown";
        for (JsonNode member : cluster.path("members")) {
            if (member.path("node").asText().equals(self)) {
                selfStatus = member.path("status").asText("unknown");
            }
        }
        return "self " + selfStatus + ", " + summary(cluster) + "\n";
    }

    static String renderLeader(JsonNode cluster) {
        JsonNode leader = cluster.path("leader");
        return (Cells.absent(leader) || leader.asText().isEmpty() ? "no leader" : leader.asText()) + "\n";
    }

    private static String summary(JsonNode cluster) {
        int total = cluster.path("members").size();
        int up = 0;
        for (JsonNode member : cluster.path("members")) {
            if ("Up".equals(member.path("status").asText())) {
                up++;
            }
        }
        return "members up " + up + "/" + total + ", unreachable " + unreachableNodes(cluster).size();
    }

    private static Set<String> unreachableNodes(JsonNode cluster) {
        Set<String> nodes = new HashSet<>();
        cluster.path("unreachable").forEach(u -> nodes.add(u.path("node").asText()));
        return nodes;
    }

    private static String sortedList(JsonNode values) {
        List<String> items = new ArrayList<>();
        values.forEach(v -> items.add(v.asText()));
        items.sort(Comparator.naturalOrder());
        return String.join(",", items);
    }
}
