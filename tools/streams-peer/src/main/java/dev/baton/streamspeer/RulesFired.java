package dev.baton.streamspeer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/** Baton's rulesFiredBy (fire-rules.ts): the first engagement rule that matches, plus the search's intent class. */
final class RulesFired {
  private static final int[] NONE = new int[0];

  private RulesFired() {}

  static int[] by(PeerModel model, String type, JsonNode properties) {
    JsonNode source = properties == null ? MissingNode.getInstance() : properties;
    int rule = -1;
    for (PeerModel.EngagementRule candidate : model.rules) {
      if (candidate.events().contains(type) && allHold(candidate, source)) {
        rule = candidate.index();
        break;
      }
    }
    int intent = SearchIntent.classOf(model, source);
    if (rule < 0 && intent < 0) return NONE;
    if (rule < 0) return new int[] {intent};
    if (intent < 0) return new int[] {rule};
    return new int[] {rule, intent};
  }

  private static boolean allHold(PeerModel.EngagementRule rule, JsonNode properties) {
    for (PeerModel.Condition condition : rule.when()) if (!EventProperties.holds(condition, properties)) return false;
    return true;
  }
}
