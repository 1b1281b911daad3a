package dev.baton.streamspeer;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Baton's engagementScore (engagement-score.ts) for half-life decay or none: caps per rule and calendar period,
 * earliest day first; then the days walked in order, each adding its points after the decay of the idle days
 * before it, never below zero; decayed up to the as-of day and rounded as JavaScript's Math.round does.
 */
final class EngagementScore {
  static final long DAY_MS = 86_400_000L;

  private EngagementScore() {}

  /** As of the later of the day of the lead's clock and its latest event's day (Baton's scoreLead). */
  static long of(PeerModel model, LeadState state) {
    if (state.latestEventDay == LeadState.NO_DAY) return 0;
    int asOfDay = state.loggedUpToMs == LeadState.NO_TIME ? state.latestEventDay : Math.max((int) Math.floorDiv(state.loggedUpToMs, DAY_MS), state.latestEventDay);
    TreeMap<Integer, Double> pointsByDay = cappedPointsByDay(model, state);
    double engagement = 0;
    Integer previous = null;
    for (Map.Entry<Integer, Double> entry : pointsByDay.entrySet()) {
      int day = entry.getKey();
      if (day > asOfDay) continue;
      if (previous != null) engagement = decayed(model, engagement, day - previous);
      engagement = Math.max(0, engagement + entry.getValue());
      previous = day;
    }
    if (previous != null) engagement = decayed(model, engagement, asOfDay - previous);
    return Math.round(engagement);
  }

  /** The entries are sorted by rule, then day: each rule's caps are spent earliest day first. */
  private static TreeMap<Integer, Double> cappedPointsByDay(PeerModel model, LeadState state) {
    TreeMap<Integer, Double> byDay = new TreeMap<>();
    Map<Long, double[]> spentByPeriod = new HashMap<>();
    int currentRule = -1;
    for (int i = 0; i < state.size; i++) {
      int rule = state.rules[i];
      if (rule >= model.prices.size()) continue; // a rule the model no longer has is worth nothing
      if (rule != currentRule) {
        spentByPeriod.clear();
        currentRule = rule;
      }
      PeerModel.PricedRule price = model.prices.get(rule);
      int day = state.days[i];
      double count = state.counts[i];
      if (price.cap() == null) {
        byDay.merge(day, count * price.points(), Double::sum);
        continue;
      }
      double[] spent = spentByPeriod.computeIfAbsent(periodOf(day, price.cap().per()), (period) -> new double[2]);
      double occurrences = Math.min(count, price.cap().maxOccurrences() - spent[1]);
      double size = Math.min(occurrences * Math.abs(price.points()), price.cap().maxPoints() - spent[0]);
      spent[0] += size;
      spent[1] += occurrences;
      if (size > 0) byDay.merge(day, Math.signum(price.points()) * size, Double::sum);
    }
    return byDay;
  }

  /** periodOf in engagement-score.ts as a number: day, ISO week from Monday (1970-01-01 was a Thursday), month. */
  static long periodOf(int day, String per) {
    switch (per) {
      case "day":
        return day;
      case "week":
        return Math.floorDiv(day + 3, 7);
      case "month": {
        LocalDate date = LocalDate.ofEpochDay(day);
        return date.getYear() * 12L + date.getMonthValue();
      }
      default:
        throw new IllegalArgumentException("cap period " + per);
    }
  }

  private static double decayed(PeerModel model, double engagement, int idleDays) {
    if (idleDays <= 0 || model.halfLifeDays <= 0) return engagement;
    return engagement * Math.pow(0.5, idleDays / model.halfLifeDays);
  }
}
