package dev.baton.streamspeer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** Conditions on an event's properties, as Baton's match-conditions.ts tests them (the ops the peer implements). */
final class EventProperties {
  private EventProperties() {}

  /** The value at a dotted path, or null. */
  static JsonNode valueAt(JsonNode properties, String path) {
    JsonNode current = properties;
    for (String segment : path.split("\\.", -1)) {
      if (current == null || !current.isObject()) return null;
      current = current.get(segment);
    }
    return current == null || current.isNull() ? null : current;
  }

  /** On a list, a test holds when it holds for any element. */
  static boolean holds(PeerModel.Condition condition, JsonNode properties) {
    JsonNode value = valueAt(properties, condition.field());
    if (value == null) return false;
    if (!value.isArray()) return holdsOn(condition, value);
    for (JsonNode element : value) if (holdsOn(condition, element)) return true;
    return false;
  }

  private static boolean holdsOn(PeerModel.Condition condition, JsonNode value) {
    if (condition.pattern() != null) return (value.isTextual() || value.isNumber()) && condition.pattern().matcher(value.asText()).find();
    return value.isTextual() && value.asText().strip().toLowerCase(Locale.ROOT).equals(condition.equalsValue());
  }
}
