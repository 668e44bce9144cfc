package com.livecommerce.incentive.scheduling;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the built-in scheduler ({@code incentive.scheduler.*}); the defaults are the SPEC's.
 *
 * @param nightlyCron Quartz cron of the nightly job (default 02:30 every day)
 * @param monthlyCron Quartz cron of the monthly job (default 04:00 on the 1st)
 * @param timeZone the crons' time zone (Asia/Shanghai)
 * @param inputDeadline how long a fire waits for its input (or, monthly, for the month's last
 * nightly run) before it gives up and records the failure
 * @param firstBackoff the first wait between two looks at the inbox; it doubles up to maxBackoff
 */
@ConfigurationProperties("incentive.scheduler")
public record SchedulerProperties(String nightlyCron, String monthlyCron, String timeZone, Path inbox, Path out,
		Path policy, Duration inputDeadline, Duration firstBackoff, Duration maxBackoff) {

	public SchedulerProperties {
		nightlyCron = nightlyCron == null ? "0 30 2 * * ?" : nightlyCron;
		monthlyCron = monthlyCron == null ? "0 0 4 1 * ?" : monthlyCron;
		timeZone = timeZone == null ? "Asia/Shanghai" : timeZone;
		inbox = inbox == null ? Path.of("var/inbox") : inbox;
		out = out == null ? Path.of("var/out") : out;
		policy = policy == null ? Path.of("jobs/policy") : policy;
		inputDeadline = inputDeadline == null ? Duration.ofHours(6) : inputDeadline;
		firstBackoff = firstBackoff == null ? Duration.ofMinutes(1) : firstBackoff;
		maxBackoff = maxBackoff == null ? Duration.ofMinutes(15) : maxBackoff;
	}

}
