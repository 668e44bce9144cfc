package com.livecommerce.incentive.scheduling;

import java.util.TimeZone;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The scheduler's jobs and triggers, registered by Spring Boot's Quartz support with the JDBC job
 * store (tables from the migrations), clustered: every instance on the database shares the
 * triggers and each fire runs on one of them. Cron expressions are settings; a fire missed while
 * no instance was up fires once as soon as one is (misfire: fire once now). Only the
 * {@code scheduler} command turns this on.
 */
@Configuration
@ConditionalOnProperty(name = "incentive.scheduler.enabled", havingValue = "true")
class SchedulerConfiguration {

	@Bean
	JobDetail nightlyJobDetail() {
		return JobBuilder.newJob(QuartzJobs.Nightly.class)
			.withIdentity("nightly", "incentive")
			.withDescription("nightly job for yesterday (Asia/Shanghai)")
			.storeDurably()
			.requestRecovery()
			.build();
	}

	@Bean
	JobDetail monthlyJobDetail() {
		return JobBuilder.newJob(QuartzJobs.Monthly.class)
			.withIdentity("monthly", "incentive")
			.withDescription("monthly job for last month (Asia/Shanghai)")
			.storeDurably()
			.requestRecovery()
			.build();
	}

	@Bean
	Trigger nightlyTrigger(JobDetail nightlyJobDetail, SchedulerProperties properties) {
		return cron("nightly", nightlyJobDetail, properties.nightlyCron(), properties);
	}

	@Bean
	Trigger monthlyTrigger(JobDetail monthlyJobDetail, SchedulerProperties properties) {
		return cron("monthly", monthlyJobDetail, properties.monthlyCron(), properties);
	}

	private static Trigger cron(String name, JobDetail job, String expression, SchedulerProperties properties) {
		return TriggerBuilder.newTrigger()
			.forJob(job)
			.withIdentity(name, "incentive")
			.withSchedule(CronScheduleBuilder.cronSchedule(expression)
				.inTimeZone(TimeZone.getTimeZone(properties.timeZone()))
				.withMisfireHandlingInstructionFireAndProceed())
			.build();
	}

}
