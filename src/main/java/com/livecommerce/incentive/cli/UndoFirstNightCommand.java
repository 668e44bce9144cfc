package com.livecommerce.incentive.cli;

import com.livecommerce.incentive.runs.FirstNight;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "undo-first-night", description = "The way out of a first night run on the wrong date, or failed and"
		+ " not to be finished: while no other night has completed and no month is closed, empties every table the jobs"
		+ " write and forgets its runs, so that the next night is a first night again. Its files are left in place.")
class UndoFirstNightCommand implements Callable<Integer> {

	@ParentCommand
	Main main;

	@Spec
	CommandSpec spec;

	@Option(names = "--date", required = true, paramLabel = "yyyy-MM-dd", converter = StrictDateConverter.class,
			description = "The date of that night, as a confirmation.")
	LocalDate date;

	@Override
	public Integer call() {
		return this.main.withContext(this.spec.commandLine().getErr(), context -> context.getBean(FirstNight.class)
			.undo(this.date, this.spec.commandLine().getOut(), this.spec.commandLine().getErr())).code();
	}

}
