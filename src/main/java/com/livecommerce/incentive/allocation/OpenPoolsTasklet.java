package com.livecommerce.incentive.allocation;

import com.livecommerce.incentive.nightly.NightlyRun;
import com.livecommerce.incentive.policy.Policy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Before the day's claims: the month's pools exist and carry the caps of the version in force on
 * the business date (a version starting mid-month changes the caps from its first day on), and
 * the version's text is recorded the first time it governs a run.
 */
class OpenPoolsTasklet implements Tasklet {

	private static final Logger log = LoggerFactory.getLogger(OpenPoolsTasklet.class);

	private final NightlyRun run;

	private final JdbcTemplate jdbc;

	OpenPoolsTasklet(NightlyRun run, JdbcTemplate jdbc) {
		this.run = run;
		this.jdbc = jdbc;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		Policy policy = this.run.policyInForce().orElse(null);
		LocalDate date = this.run.businessDate();
		if (policy == null) {
			log.info("no policy version is in force on {}: the day makes no claims", date);
			return RepeatStatus.FINISHED;
		}
		recordVersion(policy, date);
		String month = YearMonth.from(date).toString();
		for (Program program : Program.values()) {
			Integer cap = program.monthlyCap(policy);
			if (cap == null) {
				continue;
			}
			this.jdbc.update("""
					INSERT INTO pool_balance (pool_month, program, monthly_cap, granted_coupons, returned_coupons,
					  remaining_coupons, closed, last_business_date) VALUES (?, ?, ?, 0, 0, ?, FALSE, ?)
					ON DUPLICATE KEY UPDATE monthly_cap = VALUES(monthly_cap),
					  remaining_coupons = GREATEST(0, VALUES(monthly_cap) - granted_coupons + returned_coupons),
					  last_business_date = VALUES(last_business_date)""", month, program.name(), cap, cap, date);
		}
		return RepeatStatus.FINISHED;
	}

	/** Records the version's text the first time it governs a run (later runs use that text). */
	private void recordVersion(Policy policy, LocalDate date) {
		String content;
		try {
			content = Files.readString(policy.sourceFile());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + policy.sourceFile(), ex);
		}
		String sha256 = sha256(content);
		List<String> known = this.jdbc.queryForList("SELECT sha256 FROM policy_version WHERE version = ?", String.class,
				policy.version());
		if (known.isEmpty()) {
			this.jdbc.update("""
					INSERT INTO policy_version (version, effective_from, effective_to, sha256, content, first_used_on)
					VALUES (?, ?, ?, ?, ?, ?)""", policy.version(), policy.effectiveFrom(), policy.effectiveTo(), sha256,
					content, date);
		}

	}

	private static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(java.security.MessageDigest.getInstance("SHA-256")
					.digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
