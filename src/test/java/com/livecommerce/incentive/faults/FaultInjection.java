package com.livecommerce.incentive.faults;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Test-only fault points (this class is on the test classpath only, so the jar never has it).
 * Every time a step saves its state (the job repository's {@code update} and
 * {@code updateExecutionContext} for a step execution, i.e. at its start, inside each chunk's
 * transaction, after each commit and at its end) is a fault point, named {@code <step>:<n>}
 * (the n-th save of that step); so is the moment the job execution is saved as COMPLETED, named
 * {@code job:completed}, just after that save. Inert unless configured by environment (child processes):
 * <ul>
 * <li>{@code INCENTIVE_FAULT_KILL_AT=<step>:<n>}: the process sends itself SIGKILL there (a real
 * {@code kill -9}: no shutdown hook, no rollback of its own, the transaction in flight dies with
 * the connection);</li>
 * <li>{@code INCENTIVE_FAULT_PAUSE_AT=<step>:<n>} with {@code INCENTIVE_FAULT_RESUME_FILE}: it
 * stops there until the file exists (the test stops the database meanwhile).</li>
 * </ul>
 * With the system property {@code incentive.fault.trace} set (in-process runs), every point is
 * recorded in {@link #TRACE}, so a test can enumerate the points of a clean run.
 */
@Component
class FaultInjection implements BeanPostProcessor {

	static final List<String> TRACE = java.util.Collections.synchronizedList(new ArrayList<>());

	private final Map<String, AtomicInteger> saves = new ConcurrentHashMap<>();

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!(bean instanceof JobRepository repository)) {
			return bean;
		}
		return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { JobRepository.class },
				(proxy, method, args) -> {
					if ((method.getName().equals("update") || method.getName().equals("updateExecutionContext"))
							&& args[0] instanceof StepExecution step) {
						point(step.getStepName() + ":"
								+ this.saves.computeIfAbsent(step.getStepName(), k -> new AtomicInteger()).incrementAndGet());
					}
					Object result;
					try {
						result = method.invoke(repository, args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
					if (method.getName().equals("update") && args[0] instanceof JobExecution job
							&& job.getStatus() == BatchStatus.COMPLETED) {
						point("job:completed"); // the run is marked complete: what follows is its report
					}
					return result;
				});
	}

	private static void point(String name) throws IOException, InterruptedException {
		if (System.getProperty("incentive.fault.trace") != null) {
			TRACE.add(name);
		}
		if (name.equals(System.getenv("INCENTIVE_FAULT_KILL_AT"))) {
			System.out.println("FAULT kill -9 at " + name);
			System.out.flush();
			new ProcessBuilder("kill", "-9", Long.toString(ProcessHandle.current().pid())).inheritIO().start();
			Thread.sleep(60_000); // the signal arrives long before
			throw new IllegalStateException("kill -9 did not arrive");
		}
		if (name.equals(System.getenv("INCENTIVE_FAULT_PAUSE_AT"))) {
			Path resume = Path.of(System.getenv("INCENTIVE_FAULT_RESUME_FILE"));
			System.out.println("FAULT paused at " + name);
			System.out.flush();
			while (!Files.exists(resume)) {
				Thread.sleep(100);
			}
			System.out.println("FAULT resumed at " + name);
		}
	}

}
