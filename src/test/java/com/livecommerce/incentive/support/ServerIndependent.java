package com.livecommerce.incentive.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test whose outcome does not depend on the server the suite runs on: it starts a server of its
 * own, or what it faults is not the database. The MySQL 8 run of the suite (-Pmysql8, CI's second
 * run) leaves these out: they would repeat the first run exactly (docs/mysql.md lists them).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(ServerIndependent.TAG)
public @interface ServerIndependent {

	String TAG = "server-independent";

}
