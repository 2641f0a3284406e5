import type { ImportStep } from './import-step';
import { users } from './steps/users.step';
import { programs } from './steps/programs.step';
import { contracts } from './steps/contracts.step';
import { workflows } from './steps/workflows.step';
import { workflowStates } from './steps/workflow-states.step';
import { workflowTransitions } from './steps/workflow-transitions.step';
import { tasks } from './steps/tasks.step';
import { taskAssignments } from './steps/task-assignments.step';
import { taskDependencies } from './steps/task-dependencies.step';
import { workflowInstances } from './steps/workflow-instances.step';
import { votes } from './steps/workflow-votes.step';
import { timeCards } from './steps/time-cards.step';
import { invoices } from './steps/invoices.step';
import { workLogs } from './steps/work-logs.step';
import { invoiceLines } from './steps/invoice-lines.step';
import { payments } from './steps/payments.step';

/**
 * Every legacy entity the import reads, in dependency order (a row's references are imported before
 * it). Each step says where its rows come from (MySQL, scoped to one application instance), which new
 * table they go to, and how one legacy row becomes one new row. Mapping is pure: a bad value throws a
 * LegacyValueError, a reference to a row that was not imported a BrokenReference, and a row that is not
 * meant to be imported (soft-deleted) a SkipRow; the importer reports each with the legacy id. One module
 * per entity in steps/.
 */
export const IMPORT_STEPS: readonly ImportStep[] = [
  users,
  programs,
  contracts,
  workflows,
  workflowStates,
  workflowTransitions,
  tasks,
  taskAssignments,
  taskDependencies,
  workflowInstances,
  votes,
  timeCards,
  invoices,
  workLogs,
  invoiceLines,
  payments,
];
