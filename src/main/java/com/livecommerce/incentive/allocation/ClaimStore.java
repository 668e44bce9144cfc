package com.livecommerce.incentive.allocation;

import com.livecommerce.incentive.policy.Program;
import com.livecommerce.incentive.common.BulkInsert;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** The claim table: derived claims of a business date, written idempotently (by grant id). */
final class ClaimStore {

	static final String COLUMNS = "grant_id, business_date, program, account_id, brand_id, session_id, event_id, tier,"
			+ " milestones_reached, claimed_at, requested_coupons, account_status, policy_version";

	/** Idempotent: a claim derived before a restart stays as it was. */
	private static final BulkInsert INSERT = BulkInsert.keepingExisting("claim", List.of(COLUMNS.split(",\\s*")),
			"grant_id");

	private ClaimStore() {
	}

	static void insert(JdbcTemplate jdbc, List<Claim> claims) {
		if (claims.isEmpty()) {
			return;
		}
		INSERT.insert(jdbc,
				claims.stream()
					.map(c -> new Object[] { c.grantId(), c.businessDate(), c.program().name(), c.accountId(),
							c.brandId(), c.sessionId(), c.eventId(), c.tier(), c.milestonesReached(), c.claimedAt(),
							c.requestedCoupons(), c.accountStatus(), c.policyVersion() })
					.toList());
	}

	static Claim map(ResultSet rs, int rowNum) throws SQLException {
		return new Claim(rs.getString("grant_id"), rs.getObject("business_date", LocalDate.class),
				Program.valueOf(rs.getString("program")), rs.getString("account_id"), rs.getString("brand_id"),
				rs.getString("session_id"), rs.getString("event_id"), rs.getString("tier"),
				rs.getString("milestones_reached"), rs.getObject("claimed_at", LocalDateTime.class),
				rs.getInt("requested_coupons"), rs.getString("account_status"), rs.getString("policy_version"));
	}

}
