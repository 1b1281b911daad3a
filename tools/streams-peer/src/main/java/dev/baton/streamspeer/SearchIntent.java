package dev.baton.streamspeer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.regex.Pattern;

/** Baton's intent classifier (intent-classifier.ts), the query-property part: words found as whole phrases. */
final class SearchIntent {
  private static final Pattern NOT_A_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

  private SearchIntent() {}

  /** The rule number of the intent class the event's search terms point to, or -1. */
  static int classOf(PeerModel model, JsonNode properties) {
    String terms = null;
    for (String name : model.queryProperties) {
      JsonNode value = EventProperties.valueAt(properties, name);
      if (value != null && value.isTextual() && !value.asText().strip().isEmpty()) {
        terms = value.asText();
        break;
      }
    }
    if (terms == null) return -1;
    String text = " " + normalise(terms) + " ";
    if (text.isBlank()) return -1;
    for (PeerModel.IntentClass intentClass : model.intentClasses) {
      for (String keyword : intentClass.keywords()) {
        if (!keyword.isEmpty() && text.contains(" " + keyword + " ")) return intentClass.index();
      }
    }
    return -1;
  }

  /** Lowercase words separated by single spaces, so that phrases match on word boundaries. */
  static String normalise(String text) {
    StringBuilder words = new StringBuilder();
    for (String word : NOT_A_WORD.split(text.toLowerCase(Locale.ROOT))) {
      if (word.isEmpty()) continue;
      if (words.length() > 0) words.append(' ');
      words.append(word);
    }
    return words.toString();
  }
}
