package com.livecommerce.incentive.runs;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What each job execution works on, from its parameters: job-scoped, so that every step of an
 * execution (and of its restart) sees the same values, and the step beans of every feature can
 * take them.
 */
@Configuration
public class RunConfiguration {

	@Bean
	@JobScope
	NightlyRun nightlyRun(@Value("#{jobParameters['" + NightlyRun.BUSINESS_DATE + "']}") LocalDate businessDate,
			@Value("#{jobParameters['" + NightlyRun.INBOX + "']}") String inbox,
			@Value("#{jobParameters['" + NightlyRun.OUT + "']}") String out,
			@Value("#{jobParameters['" + NightlyRun.POLICY + "']}") String policy,
			@Value("#{jobParameters['" + NightlyRun.ACCEPT_LOW_VOLUME + "']}") String acceptLowVolume) {
		return new NightlyRun(businessDate, Path.of(inbox), Path.of(out), Path.of(policy), acceptLowVolume);
	}

	@Bean
	@JobScope
	MonthlyRun monthlyRun(@Value("#{jobParameters['" + MonthlyRun.MONTH + "']}") String month,
			@Value("#{jobParameters['" + MonthlyRun.OUT + "']}") String out) {
		return new MonthlyRun(YearMonth.parse(month), Path.of(out));
	}

}
