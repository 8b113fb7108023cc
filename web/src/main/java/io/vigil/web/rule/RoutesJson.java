package io.vigil.web.rule;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.engine.watch.InvalidRuleException;
import io.vigil.engine.watch.Route;
import io.vigil.engine.watch.RuleCatalog.EscalationDefinition;
import io.vigil.engine.watch.RuleCatalog.RouteDefinition;
import io.vigil.web.rule.RuleResource.RouteJson;
import java.util.ArrayList;
import java.util.List;

/**
 * The rule fields {@code routes} and {@code escalation} between JSON and the rule catalog. {@code escalation} is read
 * as a tree so that an explicit {@code null} (remove it) differs from a field left out (keep it), and so that a wrong
 * type is refused naming {@code escalation.outlets} or {@code escalation.within} rather than as malformed JSON.
 */
final class RoutesJson {

    private RoutesJson() {}

    /**
     * The routes as sent; {@code null} (left out, or JSON {@code null}) keeps them. Read as a tree, so a wrong type is
     * refused naming its place ({@code routes[1].channelId}).
     */
    static List<RouteDefinition> definitions(JsonNode routes) {
        if (routes == null || routes.isNull()) {
            return null;
        }
        if (!routes.isArray()) {
            throw new InvalidRuleException(
                    "routes", "routes must be a list such as [{\"channelId\": 3, \"delivery\": \"daily\"}]");
        }
        List<RouteDefinition> definitions = new ArrayList<>();
        for (int i = 0; i < routes.size(); i++) {
            JsonNode route = routes.get(i);
            String field = "routes[" + i + "]";
            if (route.isNull()) {
                definitions.add(null);
                continue;
            }
            if (!route.isObject()) {
                throw new InvalidRuleException(field, field + " must be {\"channelId\": 3, \"delivery\": \"daily\"}");
            }
            JsonNode channel = route.path("channelId");
            Long channelId = null;
            if (!channel.isMissingNode() && !channel.isNull()) {
                if (!channel.canConvertToExactIntegral() || !channel.canConvertToLong()) {
                    throw new InvalidRuleException(
                            field + ".channelId",
                            field + ".channelId must be the id of a channel, a number, not " + channel);
                }
                channelId = channel.longValue();
            }
            JsonNode delivery = route.path("delivery");
            if (!delivery.isMissingNode() && !delivery.isNull() && !delivery.isTextual()) {
                throw new InvalidRuleException(
                        field + ".delivery", field + ".delivery must be immediate, hourly, daily or weekly");
            }
            definitions.add(new RouteDefinition(channelId, delivery.isTextual() ? delivery.asText() : null));
        }
        return definitions;
    }

    static List<RouteJson> of(List<Route> routes) {
        return routes.stream()
                .map(route -> new RouteJson(route.channelId(), route.delivery().id()))
                .toList();
    }

    /** {@code null} keeps the escalation, JSON {@code null} removes it, an object sets it. */
    static EscalationDefinition escalation(JsonNode escalation) {
        if (escalation == null) {
            return null;
        }
        if (escalation.isNull()) {
            return EscalationDefinition.NONE;
        }
        if (!escalation.isObject()) {
            throw new InvalidRuleException(
                    "escalation", "escalation must be {\"outlets\": 3, \"within\": \"PT1H\"} or null to remove it");
        }
        JsonNode outlets = escalation.path("outlets");
        if (!outlets.canConvertToExactIntegral() || !outlets.canConvertToInt()) {
            throw new InvalidRuleException(
                    "escalation.outlets",
                    "escalation.outlets must be a whole number of distinct outlets, such as 3, not "
                            + (outlets.isMissingNode() ? "missing" : outlets.toString()));
        }
        JsonNode within = escalation.path("within");
        if (!within.isTextual()) {
            throw new InvalidRuleException(
                    "escalation.within",
                    "escalation.within must be an ISO-8601 duration such as \"PT1H\", not "
                            + (within.isMissingNode() ? "missing" : within.toString()));
        }
        return new EscalationDefinition(outlets.intValue(), within.asText());
    }
}
