import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { describeError } from '@/lib/api-error';
import { useCastVote } from '@/features/workflows/api/cast-vote';
import { useTaskWorkflow, type VoteTally } from '@/features/workflows/api/get-task-workflow';
import type { BoardTask } from '@/features/workflows/api/list-board-tasks';

function Ballot({
  task,
  workflowId,
  to,
  name,
  tally,
}: {
  task: BoardTask;
  workflowId: string;
  to: string;
  name: string;
  tally: VoteTally;
}) {
  const vote = useCastVote();
  const [comment, setComment] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const cast = (decision: 'approve' | 'reject') =>
    vote.mutate(
      { workflowId, taskId: task.id, toState: to, decision, comment },
      {
        onSuccess: () => {
          setComment('');
          setMessage(decision === 'approve' ? 'Approval recorded.' : 'Rejection recorded.');
        },
        onError: (e) => setMessage(describeError(e)),
      },
    );
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
              {v.decision === 'approve' ? 'Approved' : 'Rejected'} by {v.voter_id.slice(0, 8)}
              {v.comment && `: “${v.comment}”`}
            </li>
          ))}
        </ul>
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
      <div className="flex gap-2">
        <Button onClick={() => cast('approve')} disabled={vote.isPending}>
          Approve
        </Button>
        <Button variant="secondary" onClick={() => cast('reject')} disabled={vote.isPending}>
          Reject
        </Button>
      </div>
      {message && (
        <p role="status" className="text-xs">
          {message}
        </p>
      )}
    </li>
  );
}

/** The selected task's transitions that need votes, with the tally of the round and a ballot. */
export function VotesPanel({ task }: { task: BoardTask }) {
  const view = useTaskWorkflow(task.id);
  const voted = view.data?.transitions.filter((t) => t.votes) ?? [];
  return (
    <section aria-label="Votes" className="space-y-1">
      <h3 className="text-sm font-semibold">Votes on “{task.title}”</h3>
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
              to={t.to}
              name={t.name}
              tally={t.votes!}
            />
          ))}
      </ul>
    </section>
  );
}
