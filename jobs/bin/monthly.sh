#!/usr/bin/env bash
# Cron wrapper for the monthly job. Arguments go to the command (e.g. --out, --month);
# without --month it closes last month (Asia/Shanghai). The exit code is the job's, unchanged:
#   0 done (or already done)  1 failed  2 bad command line or policy  3 input not ready
#   4 out of order  5 already running
# Settings come from the environment: INCENTIVE_HOME (where the jar is), JAVA, JAVA_OPTS,
# SPRING_DATASOURCE_URL / _USERNAME / _PASSWORD, INCENTIVE_LOG_DIR.
set -uo pipefail
home=${INCENTIVE_HOME:-$(cd "$(dirname "$0")/../.." && pwd)}
log_dir=${INCENTIVE_LOG_DIR:-$home/var/log}
mkdir -p "$log_dir" || exit 1
cd "$home" || exit 1
jar=${INCENTIVE_JAR:-$home/target/brand-incentive-batch.jar}
[[ -f $jar ]] || jar=$home/brand-incentive-batch.jar
# shellcheck disable=SC2086
exec "${JAVA:-java}" ${JAVA_OPTS:--Xmx1g} -jar "$jar" monthly "$@" >>"$log_dir/monthly.log" 2>&1
