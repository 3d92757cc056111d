package io.actortrading.cli;

import org.junit.jupiter.api.Test;

import static io.actortrading.cli.ContractDocuments.ACTOR_TREE;
import static io.actortrading.cli.ContractDocuments.parse;
import static org.assertj.core.api.Assertions.assertThat;

class ActorsPaletteTest {

    @Test
    void treeShowsTheRootPathThenChildrenIndentedTwoSpacesPerLevel() {
        assertThat(ActorsPalette.renderTree(parse(ACTOR_TREE))).isEqualTo("""
                pekko://ActorTrading/user
                  feeds
                    synthetic
                    router
                  registry
                """);
    }

    @Test
    void treeWithoutRootSaysWhichNodeReportedNothing() {
        assertThat(ActorsPalette.renderTree(parse("{\"node\": \"pekko://A@h:1\", \"root\": null}")))
                .isEqualTo("no actors reported by pekko://A@h:1\n");
    }
}
