package com.livecommerce.incentive.support;

import com.livecommerce.incentive.IncentiveBatchApplication;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The application on a test database, to start one step of the nightly job alone (spring-batch-test). */
public final class NightlySteps implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final JobOperatorTestUtils steps;

	public NightlySteps(TestDatabase db) {
		this.context = new SpringApplicationBuilder(IncentiveBatchApplication.class).web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.run(db.springArguments().toArray(String[]::new));
		this.steps = new JobOperatorTestUtils(this.context.getBean(JobOperator.class),
				this.context.getBean(JobRepository.class));
		this.steps.setJob(this.context.getBean("nightlyJob", Job.class));
	}

	/** Step {@code name} of the nightly job, alone, in an execution with {@code parameters}. */
	public JobExecution start(String name, JobParameters parameters) {
		return this.steps.startStep(name, parameters, new ExecutionContext());
	}

	@Override
	public void close() {
		this.context.close();
	}

}
