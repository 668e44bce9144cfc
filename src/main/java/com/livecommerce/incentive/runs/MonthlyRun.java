package com.livecommerce.incentive.runs;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;

/** What one monthly job execution works on: the month and the out directory (job parameters). */
public class MonthlyRun {

	/** The monthly job's name in the job repository. */
	public static final String JOB = "monthly";

	public static final String MONTH = "month";

	public static final String OUT = "out";

	/** The policy directory the run was started with (checked before it starts; the job reads no policy). */
	public static final String POLICY = "policy";

	private final YearMonth month;

	private final Path out;

	public MonthlyRun(YearMonth month, Path out) {
		this.month = month;
		this.out = out;
	}

	public YearMonth month() {
		return this.month;
	}

	/** yyyy-MM, as pool_month is written. */
	public String poolMonth() {
		return this.month.toString();
	}

	public LocalDate lastDay() {
		return this.month.atEndOfMonth();
	}

	public Path out() {
		return this.out;
	}

	/** {@code <out>/<yyyy-MM>/}: the month's files. */
	public Path outMonth() {
		return com.livecommerce.incentive.common.RunPaths.under(this.out, poolMonth());
	}

	public String batchId() {
		return "monthly-" + poolMonth();
	}

}
