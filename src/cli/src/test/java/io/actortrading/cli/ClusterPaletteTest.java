package io.actortrading.cli;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.actortrading.cli.ContractDocuments.CLUSTER_MEMBERS;
import static io.actortrading.cli.ContractDocuments.NODE_A;
import static io.actortrading.cli.ContractDocuments.NODE_B;
import static io.actortrading.cli.ContractDocuments.NODE_C;
import static io.actortrading.cli.ContractDocuments.parse;
import static org.assertj.core.api.Assertions.assertThat;

class ClusterPaletteTest {

    private final String show = ClusterPalette.renderMembers(parse(CLUSTER_MEMBERS));

    @Test
    void showListsEveryMemberSortedByAddressWithRolesAndStatus() {
        assertThat(RenderedTable.rows(show, "ADDRESS")).extracting(r -> r.get("ADDRESS"))
                .containsExactly(NODE_A, NODE_B, NODE_C);
        Map<String, String> joining = RenderedTable.row(show, "ADDRESS", "ADDRESS", NODE_C);
        assertThat(joining).containsEntry("ROLES", "dc-default,symbols").containsEntry("STATUS", "Joining");
    }

    @Test
    void showMarksLeaderOldestAndSelf() {
        assertThat(RenderedTable.row(show, "ADDRESS", "ADDRESS", NODE_A)).containsEntry("MARKS", "leader,oldest");
        assertThat(RenderedTable.row(show, "ADDRESS", "ADDRESS", NODE_B)).containsEntry("MARKS", "self");
        assertThat(RenderedTable.row(show, "ADDRESS", "ADDRESS", NODE_C)).containsEntry("MARKS", "-");
    }

    @Test
    void showTellsUnreachableMembersAndCountsMembers() {
        assertThat(RenderedTable.row(show, "ADDRESS", "ADDRESS", NODE_C)).containsEntry("REACHABLE", "no");
        assertThat(RenderedTable.row(show, "ADDRESS", "ADDRESS", NODE_A)).containsEntry("REACHABLE", "yes");
        assertThat(show).endsWith("members up 2/3, unreachable 1\n");
    }

    @Test
    void statusIsOneLineWithSelfStatusMembersUpAndUnreachable() {
        assertThat(ClusterPalette.renderStatus(parse(CLUSTER_MEMBERS)))
                .isEqualTo("self Up, members up 2/3, unreachable 1\n");
    }

    @Test
    void leaderPrintsTheLeadersAddressOrSaysThereIsNone() {
        assertThat(ClusterPalette.renderLeader(parse(CLUSTER_MEMBERS))).isEqualTo(NODE_A + "\n");
        assertThat(ClusterPalette.renderLeader(parse("{\"selfNode\": \"x\", \"members\": [], \"leader\": null}")))
                .isEqualTo("no leader\n");
    }
}
