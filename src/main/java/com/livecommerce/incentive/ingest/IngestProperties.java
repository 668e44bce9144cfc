package com.livecommerce.incentive.ingest;

import java.math.BigDecimal;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the ingest ({@code incentive.input.*}).
 *
 * @param maxBadRows a file fails the run when its bad rows exceed both this count ...
 * @param maxBadRowPercent ... and this percentage of its rows (SPEC §3: 10 and 1 %)
 * @param chunkSize rows per transaction while staging
 */
@ConfigurationProperties("incentive.input")
public record IngestProperties(Integer maxBadRows, BigDecimal maxBadRowPercent, Integer chunkSize) {

	public IngestProperties {
		maxBadRows = maxBadRows == null ? 10 : maxBadRows;
		maxBadRowPercent = maxBadRowPercent == null ? BigDecimal.ONE : maxBadRowPercent;
		chunkSize = chunkSize == null ? 2000 : chunkSize;
	}

	/** Both limits exceeded (compared exactly, without floating point). */
	public boolean tooManyBadRows(long badRows, long rows) {
		return badRows > maxBadRows
				&& BigDecimal.valueOf(badRows).multiply(BigDecimal.valueOf(100))
					.compareTo(maxBadRowPercent.multiply(BigDecimal.valueOf(rows))) > 0;
	}

}
