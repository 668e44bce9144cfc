package com.livecommerce.incentive.allocation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * One account with sessions on one business date, with everything the per-account rules need:
 * the values its eligibility is checked on, its sessions of the day (ordered by ended_at, then
 * session_id), its growth baseline and whether it ever had cold-start support.
 *
 * @param facts the values of the eligibility checks as of the business date
 * @param baselineSessions sessions stored by earlier runs that ended in the baseline window
 * @param baselineGmvFen their total GMV: the baseline is baselineGmvFen / baselineSessions (a sum of
 * rows of up to 10^13 fen each: exact, with no bound on the count of rows)
 * @param coldStartGranted a COLD_START claim of this system was GRANTED or PARTIAL on an earlier date
 * @param latestKnownEnd the latest broadcast end known of the account apart from the day's own
 * sessions: of its sessions stored by earlier runs and of every last_broadcast_ended_at any
 * snapshot up to the business date carried; null when nothing is known
 */
public record AccountDay(String accountId, String brandId, EligibilityRule.Facts facts, LocalDate libraryEntryDate,
		LocalDateTime latestKnownEnd, boolean coldStartUsed, boolean coldStartGranted, long baselineSessions,
		BigDecimal baselineGmvFen, List<Session> sessions) {

	public record Session(String sessionId, LocalDateTime startedAt, LocalDateTime endedAt, long gmvFen) {
	}

	public String accountStatus() {
		return this.facts.accountStatus();
	}

}
