import { KeyboardCode, useDndContext, type KeyboardCoordinateGetter } from '@dnd-kit/core';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  taskCollisions,
  dropTargetCoordinates,
  dropTask,
  TaskDndProvider,
  useTaskDraggable,
  useTaskDropTarget,
  type DraggedTask,
  type DropTargetData,
} from '@/lib/task-dnd';

const data = <T,>(current: T) => ({ data: { current } });

describe('dropping a task', () => {
  it('hands the dragged task to the target it was dropped on, and to nothing else', () => {
    const received: DraggedTask[] = [];
    const target: DropTargetData = { label: 'the detail', onDropTask: (t) => received.push(t) };
    const task = { id: 't-1', title: 'Write the report' };
    expect(dropTask({ active: data({ task }), over: data(target) })).toBe(true);
    expect(received).toEqual([task]);
    // dropped outside every target, or something that is not a task: nothing happens
    expect(dropTask({ active: data({ task }), over: null })).toBe(false);
    expect(dropTask({ active: data({}), over: data(target) })).toBe(false);
    expect(dropTask({ active: data({ task }), over: data({ label: 'not a target' }) })).toBe(false);
    expect(received).toHaveLength(1);
  });

  it('one context serves nested providers: a row of one panel reaches a target of another', () => {
    const received: string[] = [];
    function Row() {
      const { setNodeRef } = useTaskDraggable({ id: 'a', title: 'Task a' }, 'list');
      return <div ref={setNodeRef}>row</div>;
    }
    function Target({ label }: { label: string }) {
      const { setNodeRef } = useTaskDropTarget({
        label,
        onDropTask: (t) => received.push(`${label}:${t.id}`),
      });
      return <div ref={setNodeRef}>{label}</div>;
    }
    let context: ReturnType<typeof useDndContext> | null = null;
    function Probe() {
      context = useDndContext();
      return null;
    }
    render(
      <TaskDndProvider>
        <Probe />
        <Row />
        <Target label="detail" />
        {/* a panel that brings its own provider (the board) joins the outer one */}
        <TaskDndProvider>
          <Target label="column" />
        </TaskDndProvider>
      </TaskDndProvider>,
    );
    expect(screen.getByText('column')).toBeInTheDocument();
    const containers = [...context!.droppableContainers.values()];
    expect(containers).toHaveLength(2);
    const column = containers.find((c) => (c.data.current as DropTargetData).label === 'column')!;
    dropTask({ active: data({ task: { id: 'a', title: 'Task a' } }), over: column });
    expect(received).toEqual(['column:a']);
  });
});

describe('the keyboard coordinates', () => {
  const rect = (left: number, top: number, width: number, height: number) => ({
    left,
    top,
    width,
    height,
    right: left + width,
    bottom: top + height,
  });
  // three columns side by side, and a panel below them; the dragged card sits in the first column
  const rects = new Map<string, ReturnType<typeof rect>>([
    ['todo', rect(0, 0, 100, 300)],
    ['doing', rect(110, 0, 100, 300)],
    ['done', rect(220, 0, 100, 300)],
    ['detail', rect(0, 400, 320, 200)],
  ]);
  const move = (code: string, at = rect(10, 20, 80, 40)) => {
    let prevented = false;
    const event = { code, preventDefault: () => (prevented = true) } as unknown as KeyboardEvent;
    const args = {
      active: 'card',
      currentCoordinates: { x: at.left, y: at.top },
      context: {
        collisionRect: at,
        droppableRects: rects,
        droppableContainers: {
          getEnabled: () => [...rects.keys()].map((id) => ({ id, node: { current: null } })),
        },
      },
    } as unknown as Parameters<KeyboardCoordinateGetter>[1];
    return { to: dropTargetCoordinates(event, args), prevented };
  };

  it('moves the card onto the centre of the next target in the arrow’s direction', () => {
    // centred on "doing" (centre 160,150) for an 80×40 card
    expect(move(KeyboardCode.Right)).toEqual({ to: { x: 120, y: 130 }, prevented: true });
    // from "doing", right again reaches "done", left goes back to "todo"
    expect(move(KeyboardCode.Right, rect(120, 130, 80, 40)).to).toEqual({ x: 230, y: 130 });
    expect(move(KeyboardCode.Left, rect(120, 130, 80, 40)).to).toEqual({ x: 10, y: 130 });
    // down reaches the panel below
    expect(move(KeyboardCode.Down).to).toEqual({ x: 120, y: 480 });
  });

  it('stays put where there is no target that way, and ignores other keys', () => {
    expect(move(KeyboardCode.Left).to).toBeUndefined();
    expect(move(KeyboardCode.Up).to).toBeUndefined();
    expect(move('KeyA')).toEqual({ to: undefined, prevented: false });
  });

  it('with the keyboard, the task is over the innermost target containing its centre, else over none', () => {
    const targets = [...rects.keys()].map((id) => ({ id }));
    const over = (at: ReturnType<typeof rect>) =>
      taskCollisions({
        active: {},
        collisionRect: at,
        droppableRects: new Map([...rects, ['inner', rect(120, 100, 60, 60)]]),
        droppableContainers: [...targets, { id: 'inner' }],
        pointerCoordinates: null,
      } as unknown as Parameters<typeof taskCollisions>[0]).map((c) => c.id);
    expect(over(rect(120, 130, 80, 40))).toEqual(['inner', 'doing']);
    expect(over(rect(230, 130, 80, 40))).toEqual(['done']);
    // between the columns and the panel below: over nothing, so a drop there does nothing
    expect(over(rect(10, 330, 80, 40))).toEqual([]);
  });
});
