-- Roles per schema (issue 35 point 7). V10 created two server-wide roles, data_reader and
-- incentive_batch, and every schema this product was migrated into granted them its tables: an
-- analyst given data_reader for production also read staging's. From here each schema has roles
-- of its own, named by the placeholders ${readerRole} and ${batchRole}: by default
-- <schema>_reader and <schema>_batch (for the schema "incentive": incentive_reader and
-- incentive_batch), or the names the properties incentive.roles.reader / incentive.roles.batch
-- give (db/RoleNames). The shared roles lose what V10 to V13 granted them on this schema.
--
-- After upgrading, grant the users the new roles, e.g. for the schema incentive:
--   GRANT incentive_reader TO 'analyst'@'%';  SET DEFAULT ROLE incentive_reader FOR 'analyst'@'%';
--   (MySQL 8: SET DEFAULT ROLE incentive_reader TO 'analyst'@'%')
-- A simulation's scratch schema is a copy of the structure, never migrated: it grants nothing.

REVOKE SELECT ON coupon_grant FROM data_reader;
REVOKE SELECT ON coupon_clawback FROM data_reader;
REVOKE SELECT ON account_status FROM data_reader;
REVOKE SELECT ON pool_balance FROM data_reader;
REVOKE SELECT ON benchmark_event_outcome FROM data_reader;
REVOKE SELECT ON rejected_input FROM data_reader;
REVOKE SELECT ON notification FROM data_reader;
REVOKE SELECT ON notification_batch FROM data_reader;
REVOKE SELECT ON daily_summary FROM data_reader;
REVOKE SELECT ON monthly_summary FROM data_reader;
REVOKE SELECT ON grant_balance FROM data_reader;
REVOKE SELECT ON brand_history FROM data_reader;
REVOKE SELECT ON account_history FROM data_reader;
REVOKE SELECT ON store_risk_history FROM data_reader;
REVOKE SELECT ON benchmark_event_history FROM data_reader;
REVOKE SELECT ON coupon_usage_adjustment FROM data_reader;
REVOKE SELECT ON eligibility_decision FROM data_reader;
REVOKE SELECT, INSERT, UPDATE, DELETE ON * FROM incentive_batch;

CREATE ROLE IF NOT EXISTS `${batchRole}`;
GRANT SELECT, INSERT, UPDATE, DELETE ON * TO `${batchRole}`;

CREATE ROLE IF NOT EXISTS `${readerRole}`;
GRANT SELECT ON coupon_grant TO `${readerRole}`;
GRANT SELECT ON coupon_clawback TO `${readerRole}`;
GRANT SELECT ON grant_balance TO `${readerRole}`;
GRANT SELECT ON pool_balance TO `${readerRole}`;
GRANT SELECT ON brand_pool_balance TO `${readerRole}`;
GRANT SELECT ON daily_summary TO `${readerRole}`;
GRANT SELECT ON monthly_summary TO `${readerRole}`;
GRANT SELECT ON benchmark_event_outcome TO `${readerRole}`;
GRANT SELECT ON account_status TO `${readerRole}`;
GRANT SELECT ON eligibility_decision TO `${readerRole}`;
GRANT SELECT ON rejected_input TO `${readerRole}`;
GRANT SELECT ON notification TO `${readerRole}`;
GRANT SELECT ON notification_batch TO `${readerRole}`;
GRANT SELECT ON policy_version TO `${readerRole}`;
GRANT SELECT ON policy_version_change TO `${readerRole}`;
GRANT SELECT ON coupon_usage_adjustment TO `${readerRole}`;
GRANT SELECT ON brand_history TO `${readerRole}`;
GRANT SELECT ON account_history TO `${readerRole}`;
GRANT SELECT ON store_risk_history TO `${readerRole}`;
GRANT SELECT ON benchmark_event_history TO `${readerRole}`;
