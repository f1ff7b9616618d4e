import type { AppMigration } from '../migration.js';

/**
 * Atomic payroll tasks (direct deposit switches, verifications): `payroll_tasks` holds each task's
 * current status, `payroll_task_history` one row per status change reported.
 */
export const atomicMigrations: AppMigration[] = [
  {
    id: 'atomic-001-payroll-tasks',
    sql: `
      CREATE TABLE payroll_tasks (
        task_id text PRIMARY KEY,
        product text,
        status text NOT NULL,
        distribution_type text,
        distribution_amount numeric(18, 2),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE payroll_task_history (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        event_id text NOT NULL,
        task_id text NOT NULL,
        previous_status text,
        status text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX payroll_task_history_task ON payroll_task_history (task_id);`,
  },
];
