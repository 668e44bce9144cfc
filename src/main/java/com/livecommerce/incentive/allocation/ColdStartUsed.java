package com.livecommerce.incentive.allocation;

import java.time.LocalDate;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Whether upstream says an account has had cold-start support before this system (SPEC §2.3,
 * policy §2.1 历史扶持过账号不再享受): once any snapshot of accounts.csv up to the business date
 * carried {@code cold_start_used} true, it has, whatever later snapshots say. Read from
 * account_history, so that the night, explain and a simulated night answer alike for any date.
 */
public final class ColdStartUsed {

	private ColdStartUsed() {
	}

	/**
	 * The SQL condition, for the account id column {@code accountColumn}; its one parameter is the
	 * business date.
	 */
	static String condition(String accountColumn) {
		return "EXISTS (SELECT 1 FROM account_history u WHERE u.account_id = " + accountColumn
				+ " AND u.cold_start_used AND u.valid_from <= ?)";
	}

	/** The first business date whose accounts.csv carried it true for {@code accountId}, up to {@code date}; empty: never. */
	public static Optional<LocalDate> since(JdbcTemplate jdbc, String accountId, LocalDate date) {
		return Optional.ofNullable(jdbc.queryForObject("""
				SELECT MIN(valid_from) FROM account_history WHERE account_id = ? AND cold_start_used AND valid_from <= ?""",
				LocalDate.class, accountId, date));
	}

}
