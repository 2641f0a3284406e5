import type { BoardTask } from '@/features/workflows/api/list-board-tasks';
import type { Workflow } from '@/features/workflows/api/list-workflows';

export interface BoardColumn {
  key: string;
  name: string;
  tasks: BoardTask[];
}

/** One column per state of the workflow, in order; each task under the state its workflow field names. */
export function boardColumns(workflow: Pick<Workflow, 'id' | 'states'>, tasks: BoardTask[]): BoardColumn[] {
  const states = [...workflow.states].sort((a, b) => a.position - b.position);
  const columns = states.map((s) => ({ key: s.key, name: s.name, tasks: [] as BoardTask[] }));
  const byKey = new Map(columns.map((c) => [c.key, c]));
  for (const task of tasks) {
    if (task.workflow?.id !== workflow.id) continue;
    byKey.get(task.workflow.state)?.tasks.push(task);
  }
  return columns;
}

/** The tasks with one card moved to another state (the optimistic update of a transition). */
export function moveCard(tasks: BoardTask[], taskId: string, state: string, stateName: string): BoardTask[] {
  return tasks.map((t) =>
    t.id === taskId && t.workflow ? { ...t, workflow: { ...t.workflow, state, state_name: stateName } } : t,
  );
}
