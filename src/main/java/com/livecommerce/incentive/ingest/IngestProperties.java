package com.livecommerce.incentive.ingest;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the ingest ({@code incentive.input.*}).
 *
 * @param maxBadRows a file fails the run when its bad rows exceed both this count ...
 * @param maxBadRowPercent ... and this percentage of its rows (SPEC §3: 10 and 1 %)
 * @param chunkSize rows per transaction while staging
 * @param volume the data-quality gate on each file's row count
 */
@ConfigurationProperties("incentive.input")
public record IngestProperties(Integer maxBadRows, BigDecimal maxBadRowPercent, Integer chunkSize, Volume volume) {

	public IngestProperties {
		maxBadRows = maxBadRows == null ? 10 : maxBadRows;
		maxBadRowPercent = maxBadRowPercent == null ? BigDecimal.ONE : maxBadRowPercent;
		chunkSize = chunkSize == null ? 2000 : chunkSize;
		volume = volume == null ? new Volume(null, null, null) : volume;
	}

	/** Both limits exceeded (compared exactly, without floating point). */
	public boolean tooManyBadRows(long badRows, long rows) {
		return badRows > maxBadRows
				&& BigDecimal.valueOf(badRows).multiply(BigDecimal.valueOf(100))
					.compareTo(maxBadRowPercent.multiply(BigDecimal.valueOf(rows))) > 0;
	}

	/**
	 * The volume gate ({@code incentive.input.volume.*}): upstream failures often look like valid
	 * files (a header and nothing else, a tenth of a snapshot). A file whose rows fall below
	 * {@code minShare} of the median of its last {@link #WINDOW} nights fails the run at the input
	 * gate, before anything is applied.
	 *
	 * @param minNights the check is off until the file has this many earlier nights (at most {@link #WINDOW})
	 * @param minMedianRows the check is off while the median is below this: a file of a few rows
	 * varies too much from night to night for a share of it to mean anything
	 * @param minShare per file, by its name without {@code .csv} ({@code broadcasts}, {@code store_risk} …):
	 * the share of the median below which the file is refused; a file not listed, or 0, is not checked
	 */
	public record Volume(Integer minNights, Long minMedianRows, Map<String, BigDecimal> minShare) {

		/** The trailing nights whose median is the expected row count. */
		public static final int WINDOW = 7;

		public Volume {
			minNights = minNights == null ? WINDOW : Math.max(1, Math.min(WINDOW, minNights));
			minMedianRows = minMedianRows == null ? 100 : minMedianRows;
			minShare = minShare == null ? Map.of() : Map.copyOf(minShare);
		}

		/** The share of the median {@code file} must reach, or zero when it is not checked. */
		public BigDecimal minShare(InputFile file) {
			return this.minShare.getOrDefault(file.fileName().replace(".csv", ""), BigDecimal.ZERO);
		}

		/** The lower median of earlier nights' row counts (whole rows, no rounding question). */
		public static long median(List<Long> rows) {
			List<Long> sorted = rows.stream().sorted().toList();
			return sorted.get((sorted.size() - 1) / 2);
		}

	}

}
