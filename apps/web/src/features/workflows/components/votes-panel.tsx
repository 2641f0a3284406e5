import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ApiError, describeError } from '@/lib/api-error';
import { useAuthStore } from '@/lib/auth/auth-store';
import { useCastVote } from '@/features/workflows/api/cast-vote';
import { useTaskWorkflow, type VoteTally } from '@/features/workflows/api/get-task-workflow';
import type { BoardFilters, BoardTask } from '@/features/workflows/api/list-board-tasks';
import type { Workflow } from '@/features/workflows/api/list-workflows';
import { useTransitionTask } from '@/features/workflows/api/transition-task';
import { UserName } from '@/lib/users/user-name';

const decided = (decision: string) => (decision === 'approve' ? 'Approved' : 'Rejected');

/**
 * Once the round's votes satisfy the transition ("2 of 2 approvals — ready"), the move they allow is
 * offered here. The workflow model takes no automatic step on a quorum: a person moves the task, and the
 * API checks the votes again when they do.
 */
function ReadyToMove({
  task,
  filters,
  to,
  toName,
  onMoved,
}: {
  task: BoardTask;
  filters: BoardFilters;
  to: string;
  toName: string;
  /** told once the task moved: this ballot goes away with the state it belonged to */
  onMoved: (message: string) => void;
}) {
  const transition = useTransitionTask(filters);
  const [message, setMessage] = useState<string | null>(null);
  return (
    <div className="space-y-1 rounded-md bg-emerald-50 p-2 dark:bg-emerald-950">
      <p>
        The vote passed: “{task.title}” can move to {toName}.
      </p>
      <Button
        onClick={() =>
          transition.mutate(
            { task, toState: to, toStateName: toName },
            {
              onSuccess: () => onMoved(`“${task.title}” moved to ${toName}.`),
              onError: (e) => setMessage(`“${task.title}” was not moved: ${describeError(e)}`),
            },
          )
        }
        disabled={transition.isPending}
      >
        Move to {toName}
      </Button>
      {message && (
        <p role="status" className="text-xs">
          {message}
        </p>
      )}
    </div>
  );
}

function Ballot({
  task,
  workflowId,
  filters,
  to,
  toName,
  name,
  tally,
  onMoved,
}: {
  task: BoardTask;
  workflowId: string;
  filters: BoardFilters;
  to: string;
  toName: string;
  name: string;
  tally: VoteTally;
  onMoved: (message: string) => void;
}) {
  const userId = useAuthStore((s) => s.user?.sub);
  const mine = tally.votes.find((v) => v.voter_id === userId);
  const vote = useCastVote();
  const [changing, setChanging] = useState(false);
  const [comment, setComment] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const cast = (decision: 'approve' | 'reject') =>
    vote.mutate(
      // a second vote in the round says so: the API refuses to overwrite an earlier vote silently
      { workflowId, taskId: task.id, toState: to, decision, comment, replace: !!mine },
      {
        onSuccess: () => {
          setComment('');
          setChanging(false);
          const what = decision === 'approve' ? 'Approval' : 'Rejection';
          setMessage(mine ? `Your vote is changed: ${what.toLowerCase()} recorded.` : `${what} recorded.`);
        },
        onError: (e) =>
          setMessage(
            e instanceof ApiError && e.status === 409
              ? 'You had already voted on this (perhaps on another device): your vote is shown here. Choose “Change your vote” to replace it.'
              : describeError(e),
          ),
      },
    );
  const showBallot = !mine || changing;
  return (
    <li className="space-y-1 rounded-md border border-slate-200 p-2 text-sm dark:border-slate-700">
      <p>
        <span className="font-medium">{name}</span>:{' '}
        <span>
          {tally.approvals} of {tally.approvals_required} approvals
        </span>
        , {tally.votes_cast} of {tally.quorum} votes cast
        {tally.satisfied ? ' — ready' : ''}
      </p>
      {tally.votes.length > 0 && (
        <ul className="text-xs">
          {tally.votes.map((v) => (
            <li key={v.voter_id}>
              {v.decision === 'approve' ? 'Approved' : 'Rejected'} by <UserName id={v.voter_id} />
              {v.comment && `: “${v.comment}”`}
            </li>
          ))}
        </ul>
      )}
      {tally.satisfied && (
        <ReadyToMove task={task} filters={filters} to={to} toName={toName} onMoved={onMoved} />
      )}
      {mine && (
        <p>
          Your vote: {decided(mine.decision)}
          {mine.comment ? ` — “${mine.comment}”` : ' (no comment)'}
        </p>
      )}
      {mine && !changing && (
        <Button
          variant="secondary"
          onClick={() => {
            setChanging(true);
            setComment(mine.comment);
            setMessage(null);
          }}
        >
          Change your vote
        </Button>
      )}
      {showBallot && (
        <>
          {mine && (
            <p className="text-xs">
              Your new vote replaces your earlier one and its comment (the task’s history keeps both).
            </p>
          )}
          <label className="block text-xs">
            <span className="block font-medium">Comment</span>
            <textarea
              className="w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900"
              rows={2}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
            />
          </label>
          <div className="flex flex-wrap gap-2">
            <Button onClick={() => cast('approve')} disabled={vote.isPending}>
              Approve
            </Button>
            <Button variant="secondary" onClick={() => cast('reject')} disabled={vote.isPending}>
              Reject
            </Button>
            {mine && (
              <Button variant="ghost" onClick={() => setChanging(false)}>
                Keep my vote
              </Button>
            )}
          </div>
        </>
      )}
      {message && (
        <p role="status" className="text-xs">
          {message}
        </p>
      )}
    </li>
  );
}

/** The selected task's transitions that need votes, with the tally of the round and a ballot. */
export function VotesPanel({
  task,
  workflow,
  filters,
}: {
  task: BoardTask;
  workflow: Pick<Workflow, 'states'>;
  filters: BoardFilters;
}) {
  const view = useTaskWorkflow(task.id);
  const [moved, setMoved] = useState<string | null>(null);
  const voted = view.data?.transitions.filter((t) => t.votes) ?? [];
  const stateName = (key: string) => workflow.states.find((s) => s.key === key)?.name ?? key;
  return (
    <section aria-label="Votes" className="space-y-1">
      <h3 className="text-sm font-semibold">Votes on “{task.title}”</h3>
      {moved && (
        <p role="status" className="text-sm">
          {moved}
        </p>
      )}
      {view.isError && <p className="text-sm">{describeError(view.error)}</p>}
      {view.data && voted.length === 0 && (
        <p className="text-sm">No transition out of this state needs votes.</p>
      )}
      <ul className="space-y-1">
        {view.data &&
          voted.map((t) => (
            <Ballot
              key={t.to}
              task={task}
              workflowId={view.data.workflow_id}
              filters={filters}
              to={t.to}
              toName={stateName(t.to)}
              name={t.name}
              tally={t.votes!}
              onMoved={setMoved}
            />
          ))}
      </ul>
    </section>
  );
}
