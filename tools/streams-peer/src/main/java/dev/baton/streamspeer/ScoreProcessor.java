package dev.baton.streamspeer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One engagement event: refused when the lead has seen its id (Baton's dedupe by cause id), otherwise counted in
 * the lead's state with the record's timestamp as the lead's clock, and the lead's new score emitted.
 */
final class ScoreProcessor implements Processor<String, byte[], String, byte[]> {
  static final String LEADS_STORE = "peer-leads";
  static final String SEEN_STORE = "peer-seen-events";
  private static final byte[] SEEN = new byte[0];

  /** What the peer emits per new event; the bench compares the last one per lead with Baton's pure domain. */
  record ScoreChange(String leadId, String eventId, long score, long engagement) {}

  private final PeerModel model;
  private final ObjectMapper json = new ObjectMapper();
  private ProcessorContext<String, byte[]> context;
  private KeyValueStore<String, byte[]> leads;
  // Seen ids in a store of their own, one small key each: re-writing a lead's whole set of ids on every event
  // would cost more than the scoring itself for a busy lead.
  private KeyValueStore<String, byte[]> seen;

  ScoreProcessor(PeerModel model) {
    this.model = model;
  }

  @Override
  public void init(ProcessorContext<String, byte[]> context) {
    this.context = context;
    this.leads = context.getStateStore(LEADS_STORE);
    this.seen = context.getStateStore(SEEN_STORE);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    JsonNode event;
    try {
      event = json.readTree(record.value());
    } catch (IOException invalid) {
      return; // Baton dead-letters what it cannot read; the bench sends none
    }
    String leadId = event.path("leadId").asText();
    String eventId = event.path("eventId").asText();
    String seenKey = leadId + '\u0000' + eventId;
    if (seen.get(seenKey) != null) return;
    seen.put(seenKey, SEEN);

    int day = (int) Math.floorDiv(epochMs(event.path("occurredAt").asText()), EngagementScore.DAY_MS);
    LeadState state = LeadState.decode(leads.get(leadId));
    for (int rule : RulesFired.by(model, event.path("type").asText(), event.get("properties"))) state.increment(rule, day);
    state.sawEvent(day, record.timestamp());
    leads.put(leadId, state.encode());

    long engagement = EngagementScore.of(model, state);
    try {
      // The bench sends no profiles: fit is 0, the score is the engagement.
      context.forward(record.withKey(leadId).withValue(json.writeValueAsBytes(new ScoreChange(leadId, eventId, engagement, engagement))));
    } catch (IOException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  private static long epochMs(String isoTime) {
    try {
      return Instant.parse(isoTime).toEpochMilli();
    } catch (DateTimeParseException withOffset) {
      return OffsetDateTime.parse(isoTime).toInstant().toEpochMilli();
    }
  }
}
