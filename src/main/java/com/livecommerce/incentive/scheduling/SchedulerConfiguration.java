package com.livecommerce.incentive.scheduling;

import java.util.List;
import java.util.TimeZone;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The scheduler's jobs and triggers, registered by Spring Boot's Quartz support with the JDBC job
 * store (tables from the migrations), clustered: every instance on the database shares the
 * triggers and each fire runs on one of them. Cron expressions are settings; a fire missed while
 * no instance was up fires once as soon as one is (misfire: fire once now). Only the
 * {@code scheduler} command turns this on.
 * <p>
 * A trigger already stored is kept as it is (spring.quartz.overwrite-existing-jobs=false):
 * replacing it on every start would restart its schedule from the starting instance's clock, and
 * a fire another instance had just run would come due again and run twice. Only when the
 * settings give it another cron expression or time zone is it rescheduled, from now.
 */
@Configuration
@ConditionalOnProperty(name = "incentive.scheduler.enabled", havingValue = "true")
class SchedulerConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SchedulerConfiguration.class);

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

	/**
	 * Before the scheduler starts: a stored trigger whose cron expression or time zone differs from
	 * the settings is rescheduled (logged); an unchanged one keeps its next fire time.
	 */
	@Bean
	SmartInitializingSingleton changedTriggersRescheduled(Scheduler scheduler, List<Trigger> triggers) {
		return () -> {
			for (Trigger configured : triggers) {
				try {
					Trigger stored = scheduler.getTrigger(configured.getKey());
					if (stored == null || sameSchedule(stored, (CronTrigger) configured)) {
						continue;
					}
					log.info("scheduler: trigger {} changed from {} to {}; rescheduled from now", configured.getKey(),
							describe(stored), describe(configured));
					scheduler.rescheduleJob(configured.getKey(), configured.getTriggerBuilder().startNow().build());
				}
				catch (SchedulerException ex) {
					throw new IllegalStateException("could not check trigger " + configured.getKey() + ": " + ex.getMessage(),
							ex);
				}
			}
		};
	}

	private static boolean sameSchedule(Trigger stored, CronTrigger configured) {
		return stored instanceof CronTrigger cron && cron.getCronExpression().equals(configured.getCronExpression())
				&& cron.getTimeZone().getID().equals(configured.getTimeZone().getID());
	}

	private static String describe(Trigger trigger) {
		return trigger instanceof CronTrigger cron ? "'" + cron.getCronExpression() + "' " + cron.getTimeZone().getID()
				: trigger.getClass().getSimpleName();
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
