package com.livecommerce.incentive.ingest;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/** store_risk.csv: the latest figures per store; a store absent from the file keeps its last ones. */
final class StoreRiskExtract extends Extract<StoreRiskExtract.StoreRisk> {

	StoreRiskExtract() {
		super(InputFile.STORE_RISK, "stg_store_risk", StoreRisk::storeId, "store_id", "store_status", "refund_rate", "complaint_count");
	}

	private static final Set<String> STATUSES = Set.of("OPEN", "CLOSED");

	record StoreRisk(String storeId, String storeStatus, BigDecimal refundRate, int complaintCount) {
	}

	@Override
	public StoreRisk parse(CsvRow row, IngestRules rules) {
		return new StoreRisk(row.id("store_id"), row.oneOf("store_status", STATUSES), row.fraction("refund_rate"),
				row.count("complaint_count"));
	}

	@Override
	protected Object[] values(StoreRisk s) {
		return new Object[] { s.storeId(), s.storeStatus(), s.refundRate(),
				s.complaintCount() };
	}

	@Override
	public List<String> applyStatements() {
		return concat(historyStatements("stg_store_risk", "store_risk_history", "store_id", "store_status",
				"refund_rate", "complaint_count"), """
				INSERT INTO store_risk (store_id, store_status, refund_rate, complaint_count, as_of_date)
				SELECT s.store_id, s.store_status, s.refund_rate, s.complaint_count, s.business_date
				FROM stg_store_risk s WHERE s.business_date = ?
				ON DUPLICATE KEY UPDATE store_status = s.store_status, refund_rate = s.refund_rate,
				  complaint_count = s.complaint_count, as_of_date = s.business_date""");
	}

}
