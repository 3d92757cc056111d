package io.actortrading.fakes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;

import java.time.Instant;
import java.util.Optional;

/**
 * The operators' HTTP API on the fakes' port (never counted as provider requests):
 *
 * <ul>
 *   <li>{@code GET /_fakes}: the market time and, per endpoint, requests, open connections and active faults;</li>
 *   <li>{@code POST /_fakes/{endpoint}/{fault}}: switches a fault on ({@code polygon-ws}, {@code refuse-auth});
 *       {@code POST /_fakes/{endpoint}/drop-connections} closes the endpoint's open WebSockets;</li>
 *   <li>{@code DELETE /_fakes/{endpoint}/{fault}}: switches it off; {@code DELETE /_fakes/{endpoint}}: all off.</li>
 * </ul>
 *
 * Changes answer with the endpoint's state; unknown names with 404 and a JSON {@code error}.
 */
final class FaultsAdmin {

    static final String PREFIX = "/_fakes";
    static final String DROP_CONNECTIONS = "drop-connections";
    private static final int METHOD_NOT_ALLOWED = 405;

    private final ProviderFakes fakes;

    FaultsAdmin(ProviderFakes fakes) {
        this.fakes = fakes;
    }

    static boolean serves(String path) {
        return path.equals(PREFIX) || path.startsWith(PREFIX + "/");
    }

    HttpResponse answer(HttpRequest request, String path) {
        String[] names = path.substring(PREFIX.length()).replaceAll("^/+|/+$", "").split("/");
        boolean all = names.length == 1 && names[0].isEmpty();
        if (all) {
            return request.method().equals(HttpMethods.GET) ? ProviderFakes.response(Reply.json(Reply.OK, state()))
                    : error(METHOD_NOT_ALLOWED, "use GET on " + PREFIX);
        }
        Optional<FakeEndpoint> endpoint = FakeEndpoint.fromWireName(names[0]);
        if (endpoint.isEmpty() || names.length > 2) {
            return error(Reply.NOT_FOUND, "no endpoint '" + names[0] + "'; endpoints: " + endpointNames());
        }
        FakeFaults faults = fakes.faults(endpoint.get());
        if (names.length == 1) {
            if (request.method().equals(HttpMethods.DELETE)) {
                faults.clear();
            } else if (!request.method().equals(HttpMethods.GET)) {
                return error(METHOD_NOT_ALLOWED, "use GET or DELETE on " + path);
            }
            return ProviderFakes.response(Reply.json(Reply.OK, endpointState(endpoint.get())));
        }
        if (names[1].equals(DROP_CONNECTIONS) && request.method().equals(HttpMethods.POST)) {
            faults.dropConnections();
            return ProviderFakes.response(Reply.json(Reply.OK, endpointState(endpoint.get())));
        }
        Optional<FakeFault> fault = FakeFault.fromWireName(names[1]);
        if (fault.isEmpty()) {
            return error(Reply.NOT_FOUND, "no fault '" + names[1] + "'; faults: " + faultNames());
        }
        boolean on = request.method().equals(HttpMethods.POST);
        if (!on && !request.method().equals(HttpMethods.DELETE)) {
            return error(METHOD_NOT_ALLOWED, "use POST or DELETE on " + path);
        }
        try {
            faults.set(fault.get(), on);
        } catch (UnsupportedOperationException e) {
            return error(Reply.BAD_REQUEST, e.getMessage());
        }
        return ProviderFakes.response(Reply.json(Reply.OK, endpointState(endpoint.get())));
    }

    private ObjectNode state() {
        ObjectNode state = WireJson.object();
        state.put("marketTime", Instant.ofEpochMilli(fakes.marketNow()).toString());
        ObjectNode endpoints = state.putObject("endpoints");
        for (FakeEndpoint endpoint : FakeEndpoint.values()) {
            endpoints.set(endpoint.wireName(), endpointState(endpoint));
        }
        return state;
    }

    private ObjectNode endpointState(FakeEndpoint endpoint) {
        ObjectNode state = WireJson.object();
        state.put("url", fakes.baseUrl(endpoint));
        state.put("requests", fakes.requests(endpoint));
        state.put("openConnections", fakes.openConnections(endpoint));
        ArrayNode active = state.putArray("faults");
        fakes.faults(endpoint).active().forEach(fault -> active.add(fault.wireName()));
        return state;
    }

    private static HttpResponse error(int status, String message) {
        ObjectNode body = WireJson.object();
        body.put("error", message);
        return ProviderFakes.response(Reply.json(status, body));
    }

    private static String endpointNames() {
        StringBuilder names = new StringBuilder();
        for (FakeEndpoint endpoint : FakeEndpoint.values()) {
            names.append(names.length() == 0 ? "" : ", ").append(endpoint.wireName());
        }
        return names.toString();
    }

    private static String faultNames() {
        StringBuilder names = new StringBuilder(DROP_CONNECTIONS);
        for (FakeFault fault : FakeFault.values()) {
            names.append(", ").append(fault.wireName());
        }
        return names.toString();
    }
}
