import {
  DndContext,
  KeyboardCode,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  rectIntersection,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type Active,
  type CollisionDetection,
  type KeyboardCoordinateGetter,
  type Over,
} from '@dnd-kit/core';
import { createContext, useContext, useId, type ReactNode } from 'react';

/**
 * Dragging tasks across the workspace: one dnd-kit context for every panel, so a task row of the list can
 * be dropped on the task detail panel or on a column of the workflow board, and a board card on another
 * column. Features do not import each other: a draggable carries only the task's id and title, and each
 * drop target carries its own `onDropTask`, so the panel that receives a task decides what a drop means.
 */
export interface DraggedTask {
  id: string;
  title: string;
}

interface DragData {
  task: DraggedTask;
}
export interface DropTargetData {
  /** what a screen reader hears: "… is over <label>" */
  label: string;
  onDropTask: (task: DraggedTask) => void;
}

const draggedTask = (active: Pick<Active, 'data'> | null): DraggedTask | null =>
  (active?.data.current as DragData | undefined)?.task ?? null;
const dropTarget = (over: Pick<Over, 'data'> | null): DropTargetData | null => {
  const data = over?.data.current as Partial<DropTargetData> | undefined;
  return data && typeof data.onDropTask === 'function' ? (data as DropTargetData) : null;
};

/** The end of a drag: the task goes to the target it was dropped on, if any. Returns whether it did. */
export function dropTask({
  active,
  over,
}: {
  active: Pick<Active, 'data'> | null;
  over: Pick<Over, 'data'> | null;
}): boolean {
  const task = draggedTask(active);
  const target = dropTarget(over);
  if (!task || !target) return false;
  target.onDropTask(task);
  return true;
}

const center = (r: { left: number; top: number; width: number; height: number }) => ({
  x: r.left + r.width / 2,
  y: r.top + r.height / 2,
});

/**
 * The arrow keys move a picked-up task to the nearest drop target in that direction (a column, another
 * panel), not by pixels: the dragged rect is centred on the target, so the collision detection finds it
 * there (see taskCollisions). Space/Enter drops, Escape cancels.
 */
export const dropTargetCoordinates: KeyboardCoordinateGetter = (event, { context }) => {
  const { collisionRect, droppableRects, droppableContainers } = context;
  const dirs: Record<string, [number, number]> = {
    [KeyboardCode.Right]: [1, 0],
    [KeyboardCode.Left]: [-1, 0],
    [KeyboardCode.Down]: [0, 1],
    [KeyboardCode.Up]: [0, -1],
  };
  const dir = dirs[event.code];
  if (!dir || !collisionRect) return undefined;
  event.preventDefault();
  // from the target the card is over (the box containing its centre), else from the card itself
  const c = center(collisionRect);
  const rects = droppableContainers.getEnabled().flatMap((container) => {
    // right after the pick-up dnd-kit may not have measured the targets yet: measure them here
    const rect = droppableRects.get(container.id) ?? container.node.current?.getBoundingClientRect();
    return rect ? [rect] : [];
  });
  const origin =
    rects.find((r) => c.x >= r.left && c.x < r.left + r.width && c.y >= r.top && c.y < r.top + r.height) ??
    collisionRect;
  const [dx, dy] = dir;
  // the edge of the origin the card leaves through, and the edge of a target it enters through
  const leaving = (r: typeof origin) =>
    dx > 0 ? r.left + r.width : dx < 0 ? -r.left : dy > 0 ? r.top + r.height : -r.top;
  const entering = (r: typeof origin) =>
    dx > 0 ? r.left : dx < 0 ? -(r.left + r.width) : dy > 0 ? r.top : -(r.top + r.height);
  let best: { x: number; y: number; score: number } | null = null;
  for (const rect of rects) {
    const gap = entering(rect) - leaving(origin);
    if (rect === origin || gap < -1) continue;
    const to = center(rect);
    const across = Math.abs(dx !== 0 ? to.y - c.y : to.x - c.x);
    const score = gap + 2 * across;
    if (!best || score < best.score) best = { ...to, score };
  }
  if (!best) return undefined;
  return { x: best.x - collisionRect.width / 2, y: best.y - collisionRect.height / 2 };
};

/**
 * With a pointer, the target under the pointer (else the most overlapped one); with the keyboard, the
 * innermost target containing the dragged task's centre (see dropTargetCoordinates), else none, so a task
 * picked up and dropped in place goes nowhere.
 */
export const taskCollisions: CollisionDetection = (args) => {
  if (args.pointerCoordinates) {
    const within = pointerWithin(args);
    return within.length > 0 ? within : rectIntersection(args);
  }
  const c = center(args.collisionRect);
  return args.droppableContainers
    .flatMap((container) => {
      const r = args.droppableRects.get(container.id);
      if (!r || c.x < r.left || c.x >= r.left + r.width || c.y < r.top || c.y >= r.top + r.height) return [];
      return [{ id: container.id, data: { droppableContainer: container, value: r.width * r.height } }];
    })
    .sort((a, b) => a.data.value - b.data.value);
};

const InsideProvider = createContext(false);

/**
 * The one drag context of the workspace. Nested inside another one it adds nothing, so a panel that
 * brings its own (the board, for its own use) shares the workspace's when it is in the workspace.
 */
export function TaskDndProvider({ children }: { children: ReactNode }) {
  const inside = useContext(InsideProvider);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: dropTargetCoordinates }),
  );
  if (inside) return <>{children}</>;
  const titleOf = (active: Active) => draggedTask(active)?.title ?? 'the task';
  const labelOf = (over: Over | null) => dropTarget(over)?.label ?? 'no drop target';
  return (
    <InsideProvider.Provider value={true}>
      <DndContext
        sensors={sensors}
        collisionDetection={taskCollisions}
        onDragEnd={dropTask}
        accessibility={{
          announcements: {
            onDragStart: ({ active }) => `Picked up ${titleOf(active)}.`,
            onDragOver: ({ active, over }) => `${titleOf(active)} is over ${labelOf(over)}.`,
            onDragEnd: ({ active, over }) => `${titleOf(active)} was dropped on ${labelOf(over)}.`,
            onDragCancel: ({ active }) => `Moving ${titleOf(active)} was cancelled.`,
          },
          screenReaderInstructions: {
            draggable:
              'To move a task, press Space or Enter, use the arrow keys to choose a column or a panel, then press Space or Enter again. Escape cancels.',
          },
        }}
      >
        {children}
      </DndContext>
    </InsideProvider.Provider>
  );
}

/** A draggable task; `source` keeps ids unique when the same task shows in two panels. */
export function useTaskDraggable(task: DraggedTask, source: string) {
  return useDraggable({ id: `${source}:${task.id}`, data: { task } satisfies DragData });
}

/** A place a task can be dropped on. */
export function useTaskDropTarget(target: DropTargetData) {
  const id = useId();
  return useDroppable({ id: `drop-${id}`, data: target });
}
