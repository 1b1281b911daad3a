package dev.baton.streamspeer;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * What the peer keeps of a lead, as Baton's LeadScoringState without the profile: how many events fired each rule
 * on each UTC day (sorted by rule, then day), the day of the latest event and the latest record timestamp (the
 * lead's clock, which never goes back). Stored as a few bytes per (rule, day) so a read and a write are cheap.
 */
final class LeadState {
  static final long NO_TIME = Long.MIN_VALUE;
  static final int NO_DAY = Integer.MIN_VALUE;
  private static final int HEADER = Long.BYTES + Integer.BYTES + Integer.BYTES;
  private static final int ENTRY = Short.BYTES + Integer.BYTES + Integer.BYTES;

  long loggedUpToMs = NO_TIME;
  int latestEventDay = NO_DAY;
  int size;
  short[] rules = new short[4];
  int[] days = new int[4];
  int[] counts = new int[4];

  static LeadState decode(byte[] bytes) {
    LeadState state = new LeadState();
    if (bytes == null) return state;
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    state.loggedUpToMs = buffer.getLong();
    state.latestEventDay = buffer.getInt();
    state.size = buffer.getInt();
    state.grow(state.size);
    for (int i = 0; i < state.size; i++) {
      state.rules[i] = buffer.getShort();
      state.days[i] = buffer.getInt();
      state.counts[i] = buffer.getInt();
    }
    return state;
  }

  byte[] encode() {
    ByteBuffer buffer = ByteBuffer.allocate(HEADER + size * ENTRY);
    buffer.putLong(loggedUpToMs).putInt(latestEventDay).putInt(size);
    for (int i = 0; i < size; i++) buffer.putShort(rules[i]).putInt(days[i]).putInt(counts[i]);
    return buffer.array();
  }

  /** One more occurrence of `rule` on `day`. */
  void increment(int rule, int day) {
    int at = 0;
    while (at < size && (rules[at] < rule || (rules[at] == rule && days[at] < day))) at++;
    if (at < size && rules[at] == rule && days[at] == day) {
      counts[at]++;
      return;
    }
    grow(size + 1);
    System.arraycopy(rules, at, rules, at + 1, size - at);
    System.arraycopy(days, at, days, at + 1, size - at);
    System.arraycopy(counts, at, counts, at + 1, size - at);
    rules[at] = (short) rule;
    days[at] = day;
    counts[at] = 1;
    size++;
  }

  void sawEvent(int day, long recordTimestampMs) {
    latestEventDay = latestEventDay == NO_DAY ? day : Math.max(latestEventDay, day);
    loggedUpToMs = Math.max(loggedUpToMs, recordTimestampMs);
  }

  private void grow(int needed) {
    if (needed <= rules.length) return;
    int capacity = Math.max(needed, rules.length * 2);
    rules = Arrays.copyOf(rules, capacity);
    days = Arrays.copyOf(days, capacity);
    counts = Arrays.copyOf(counts, capacity);
  }
}
