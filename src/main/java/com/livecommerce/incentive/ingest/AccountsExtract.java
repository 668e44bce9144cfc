package com.livecommerce.incentive.ingest;

import java.time.LocalDateTime;
import java.util.List;

/** accounts.csv: a full snapshot, upserted; every account names a brand of the day's brands.csv. */
final class AccountsExtract extends Extract<AccountsExtract.Account> {

	AccountsExtract() {
		super(InputFile.ACCOUNTS, "stg_account", Account::accountId, "account_id", "brand_id", "store_id", "last_broadcast_ended_at", "cold_start_used");
	}

	record Account(String accountId, String brandId, String storeId, LocalDateTime lastBroadcastEndedAt,
			boolean coldStartUsed) {
	}

	@Override
	public Account parse(CsvRow row, IngestRules rules) {
		Account account = new Account(row.id("account_id"), row.id("brand_id"), row.optionalId("store_id"),
				row.optionalTimestamp("last_broadcast_ended_at"), row.bool("cold_start_used"));
		// the end of the last broadcast before D (SPEC §3): one after D would silently cancel a cold start
		if (account.lastBroadcastEndedAt() != null
				&& account.lastBroadcastEndedAt().toLocalDate().isAfter(rules.businessDate())) {
			throw new BadRowException("last_broadcast_ended_at " + account.lastBroadcastEndedAt()
					+ " (Asia/Shanghai) is after the business date " + rules.businessDate());
		}
		return account;
	}

	@Override
	public List<Reference<Account>> references() {
		return List.of(new Reference<>("brand_id", Account::brandId, InputFile.BRANDS, "stg_brand", "brand_id", "brand"));
	}

	@Override
	protected Object[] values(Account a) {
		return new Object[] { a.accountId(), a.brandId(), a.storeId(),
				a.lastBroadcastEndedAt(), a.coldStartUsed() };
	}

	@Override
	public List<String> applyStatements() {
		return concat(historyStatements("stg_account", "account_history", "account_id", "brand_id", "store_id",
				"last_broadcast_ended_at", "cold_start_used"), """
				INSERT INTO account (account_id, brand_id, store_id, last_broadcast_ended_at, cold_start_used, snapshot_date)
				SELECT s.account_id, s.brand_id, s.store_id, s.last_broadcast_ended_at, s.cold_start_used, s.business_date
				FROM stg_account s WHERE s.business_date = ?
				ON DUPLICATE KEY UPDATE brand_id = s.brand_id, store_id = s.store_id,
				  last_broadcast_ended_at = s.last_broadcast_ended_at, cold_start_used = s.cold_start_used,
				  snapshot_date = s.business_date""",
				// every last broadcast any snapshot has carried counts for cold start (SPEC §2.3)
				"""
				INSERT INTO account_last_broadcast (account_id, snapshot_ended_at)
				SELECT s.account_id, s.last_broadcast_ended_at FROM stg_account s
				LEFT JOIN account_last_broadcast l ON l.account_id = s.account_id
				WHERE s.business_date = ? AND s.last_broadcast_ended_at IS NOT NULL
				  AND (l.snapshot_ended_at IS NULL OR l.snapshot_ended_at < s.last_broadcast_ended_at)
				ON DUPLICATE KEY UPDATE snapshot_ended_at = s.last_broadcast_ended_at""");
	}

}
