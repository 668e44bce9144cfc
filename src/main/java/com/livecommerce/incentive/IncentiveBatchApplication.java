package com.livecommerce.incentive;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Spring context of the jar; commands start it through {@code cli.Main}, never on their own. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class IncentiveBatchApplication {

}
