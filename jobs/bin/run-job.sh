#!/usr/bin/env bash
# What nightly.sh and monthly.sh do: run-job.sh <nightly|monthly> [arguments of the command].
# The exit code is the job's, unchanged:
#   0 done (or already done)  1 failed  2 bad command line or policy  3 input not ready
#   4 out of order  5 already running
# Settings come from the environment: INCENTIVE_HOME (where the jar is), INCENTIVE_JAR, JAVA,
# JAVA_OPTS, SPRING_DATASOURCE_URL / _USERNAME / _PASSWORD, INCENTIVE_LOG_DIR.
set -uo pipefail
job=$1
shift
home=${INCENTIVE_HOME:-$(cd "$(dirname "$0")/../.." && pwd)}
log_dir=${INCENTIVE_LOG_DIR:-$home/var/log}
mkdir -p "$log_dir" || exit 1
cd "$home" || exit 1
jar=${INCENTIVE_JAR:-$home/target/brand-incentive-batch.jar}
[[ -f $jar ]] || jar=$home/brand-incentive-batch.jar
# shellcheck disable=SC2086
exec "${JAVA:-java}" ${JAVA_OPTS:--Xmx1g} -jar "$jar" "$job" "$@" >>"$log_dir/$job.log" 2>&1
