package com.livecommerce.incentive.ingest;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;

/** benchmark_events.csv: a full snapshot of filed benchmark cases (§四), upserted. */
final class BenchmarkEventsExtract extends Extract<BenchmarkEventsExtract.Event> {

	BenchmarkEventsExtract() {
		super(InputFile.BENCHMARK_EVENTS, "stg_benchmark_event", Event::eventId, "event_id", "account_id", "submitted_at", "planned_start_at",
				"target_gmv_fen", "review_status");
	}

	private static final Set<String> REVIEW_STATUSES = Set.of("PENDING", "APPROVED", "REJECTED");

	record Event(String eventId, String accountId, LocalDateTime submittedAt, LocalDateTime plannedStartAt,
			long targetGmvFen, String reviewStatus) {
	}

	@Override
	public Event parse(CsvRow row, IngestRules rules) {
		Event e = new Event(row.id("event_id"), row.id("account_id"), row.timestamp("submitted_at"),
				row.timestamp("planned_start_at"), row.amount("target_gmv_fen"),
				row.oneOf("review_status", REVIEW_STATUSES));
		if (e.targetGmvFen() == 0) {
			throw new BadRowException("target_gmv_fen is 0: a target must be positive");
		}
		return e;
	}

	@Override
	public List<Reference<Event>> references() {
		return List.of(new Reference<>("account_id", Event::accountId, InputFile.ACCOUNTS, "stg_account",
				"account_id", "account"));
	}

	@Override
	protected Object[] values(Event e) {
		return new Object[] { e.eventId(), e.accountId(), e.submittedAt(),
				e.plannedStartAt(), e.targetGmvFen(), e.reviewStatus() };
	}

	@Override
	public List<String> applyStatements() {
		return concat(historyStatements("stg_benchmark_event", "benchmark_event_history", "event_id", "account_id",
				"submitted_at", "planned_start_at", "target_gmv_fen", "review_status"), """
				INSERT INTO benchmark_event (event_id, account_id, submitted_at, planned_start_at, target_gmv_fen,
				  review_status, snapshot_date)
				SELECT s.event_id, s.account_id, s.submitted_at, s.planned_start_at, s.target_gmv_fen, s.review_status,
				  s.business_date
				FROM stg_benchmark_event s WHERE s.business_date = ?
				ON DUPLICATE KEY UPDATE account_id = s.account_id, submitted_at = s.submitted_at,
				  planned_start_at = s.planned_start_at, target_gmv_fen = s.target_gmv_fen, review_status = s.review_status,
				  snapshot_date = s.business_date""");
	}

}
