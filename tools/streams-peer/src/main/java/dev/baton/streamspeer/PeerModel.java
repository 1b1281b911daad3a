package dev.baton.streamspeer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The part of a Baton scoring model the peer implements, as the bench writes it (JSON, derived from the parsed
 * model file the services run with, so that the peer never parses YAML): half-life decay (or none), engagement
 * rules matched on event type and `matches`/`equals` conditions (first match wins), search intent from the query
 * properties, and each rule's points and cap. Rules are numbered: engagement rules in file order, then the intent
 * classes; the state stores these numbers.
 */
public final class PeerModel {
  /** A cap per calendar period: the period is "day", "week" (ISO, from Monday) or "month" (UTC). */
  public record Cap(String per, double maxPoints, double maxOccurrences) {}

  /** What one occurrence of a rule is worth, and its cap (null: none). */
  public record PricedRule(String id, int points, Cap cap) {}

  /** A test on an event property (a dotted path): a pattern found ignoring case, or a string equal ignoring case. */
  public record Condition(String field, Pattern pattern, String equalsValue) {}

  public record EngagementRule(int index, List<String> events, List<Condition> when) {}

  /** An intent class with its keywords normalised; classes are listed most advanced first, as they are tried. */
  public record IntentClass(int index, List<String> keywords) {}

  /** 0: no decay. */
  public final double halfLifeDays;
  public final List<PricedRule> prices = new ArrayList<>();
  public final List<EngagementRule> rules = new ArrayList<>();
  public final List<String> queryProperties = new ArrayList<>();
  public final List<IntentClass> intentClasses = new ArrayList<>();

  private PeerModel(JsonNode root) {
    halfLifeDays = root.path("halfLifeDays").asDouble(0);
    for (JsonNode rule : root.path("rules")) {
      List<String> events = new ArrayList<>();
      rule.path("events").forEach((event) -> events.add(event.asText()));
      List<Condition> when = new ArrayList<>();
      for (JsonNode condition : rule.path("when")) {
        Pattern pattern = condition.has("matches") ? Pattern.compile(condition.get("matches").asText(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE) : null;
        String equalsValue = condition.has("equals") ? condition.get("equals").asText().strip().toLowerCase(Locale.ROOT) : null;
        if (pattern == null && equalsValue == null) throw new IllegalArgumentException("condition on " + condition.path("field").asText() + ": only matches and equals are implemented");
        when.add(new Condition(condition.path("field").asText(), pattern, equalsValue));
      }
      rules.add(new EngagementRule(prices.size(), events, when));
      prices.add(priced(rule));
    }
    JsonNode intent = root.path("intent");
    intent.path("queryProperties").forEach((name) -> queryProperties.add(name.asText()));
    for (JsonNode intentClass : intent.path("classes")) {
      List<String> keywords = new ArrayList<>();
      intentClass.path("keywords").forEach((keyword) -> keywords.add(SearchIntent.normalise(keyword.asText())));
      intentClasses.add(new IntentClass(prices.size(), keywords));
      prices.add(priced(intentClass));
    }
  }

  public static PeerModel read(File file) throws IOException {
    return new PeerModel(new ObjectMapper().readTree(file));
  }

  private static PricedRule priced(JsonNode rule) {
    JsonNode cap = rule.get("cap");
    Cap parsed = cap == null || cap.isNull()
        ? null
        : new Cap(cap.path("per").asText(), cap.has("maxPoints") ? cap.get("maxPoints").asDouble() : Double.POSITIVE_INFINITY, cap.has("maxOccurrences") ? cap.get("maxOccurrences").asDouble() : Double.POSITIVE_INFINITY);
    return new PricedRule(rule.path("id").asText(), rule.path("points").asInt(), parsed);
  }
}
