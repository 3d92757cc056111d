package io.actortrading.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NodeAddressTest {

    @Test
    void hostPortUrlAndBareHostAreAccepted() {
        assertThat(NodeAddress.parse("10.0.0.5:9111")).isEqualTo(new NodeAddress("http", "10.0.0.5", 9111));
        assertThat(NodeAddress.parse("http://node-2:9110/")).isEqualTo(new NodeAddress("http", "node-2", 9110));
        assertThat(NodeAddress.parse("node-3")).isEqualTo(new NodeAddress("http", "node-3", 9110));
        assertThat(NodeAddress.parse("[::1]:9112").resolve("/api/feeds")).hasToString("http://[::1]:9112/api/feeds");
    }

    @Test
    void somethingThatIsNotHostPortIsRejected() {
        assertThatThrownBy(() -> NodeAddress.parse("host:port")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NodeAddress.parse("host:70000")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NodeAddress.parse("http://host:9110/api")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NodeAddress.parse(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
