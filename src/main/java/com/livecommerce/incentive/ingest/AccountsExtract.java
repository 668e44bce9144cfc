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
		return new Account(row.id("account_id"), row.id("brand_id"), row.optionalId("store_id"),
				row.optionalTimestamp("last_broadcast_ended_at"), row.bool("cold_start_used"));
	}

	@Override
	public List<Reference<Account>> references() {
		return List.of(new Reference<>("brand_id", Account::brandId, InputFile.BRANDS, "stg_brand", "brand_id"));
	}

	@Override
	protected Object[] values(Account a) {
		return new Object[] { a.accountId(), a.brandId(), a.storeId(),
				a.lastBroadcastEndedAt(), a.coldStartUsed() };
	}

	@Override
	public List<String> applyStatements() {
		return List.of("""
				INSERT INTO account (account_id, brand_id, store_id, last_broadcast_ended_at, cold_start_used, snapshot_date)
				SELECT account_id, brand_id, store_id, last_broadcast_ended_at, cold_start_used, business_date
				FROM stg_account WHERE business_date = ?
				ON DUPLICATE KEY UPDATE brand_id = VALUES(brand_id), store_id = VALUES(store_id),
				  last_broadcast_ended_at = VALUES(last_broadcast_ended_at), cold_start_used = VALUES(cold_start_used),
				  snapshot_date = VALUES(snapshot_date)""");
	}

}
