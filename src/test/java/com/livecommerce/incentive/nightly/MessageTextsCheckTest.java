package com.livecommerce.incentive.nightly;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.notification.Templates;
import com.livecommerce.incentive.runs.ExitCode;
import org.junit.jupiter.api.Test;

/**
 * Issue 36: a code without its message text fails before the night, exit 2, naming the key,
 * not at notify time after the night's work. The texts shipped have every key.
 */
class MessageTextsCheckTest {

	@Test
	void theShippedTextsHaveEveryKeyTheMessagesNeed() {
		assertThat(PreLaunch.messages(new Templates())).isEmpty();
	}

	@Test
	void aMissingTextIsRefusedBeforeTheNightNamingItsKey() {
		var refused = PreLaunch.messages(new Templates("/notification/templates-without-a-consequence.properties"));
		assertThat(refused).hasValueSatisfying(r -> {
			assertThat(r.code()).isEqualTo(ExitCode.USAGE);
			assertThat(r.message()).startsWith("the message texts have no consequence.SUSPENDED (");
		});
	}

}
