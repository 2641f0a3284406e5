import type { TaskCertification } from '@/features/tasks/api/get-task';
import { cn } from '@/lib/cn';

const WORDS: Record<TaskCertification['status'], string> = {
  certified: 'Certified',
  approved: 'Certified (approved)',
  pending_review: 'Pending review',
  rejected: 'Rejected',
  revoked: 'Revoked',
  expired: 'Expired',
};

const TONE: Record<TaskCertification['status'], string> = {
  certified: 'border-emerald-700 bg-emerald-50 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100',
  approved: 'border-emerald-700 bg-emerald-50 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100',
  pending_review: 'border-amber-700 bg-amber-50 text-amber-900 dark:bg-amber-950 dark:text-amber-100',
  rejected: 'border-red-700 bg-red-50 text-red-900 dark:bg-red-950 dark:text-red-100',
  revoked: 'border-red-700 bg-red-50 text-red-900 dark:bg-red-950 dark:text-red-100',
  expired: 'border-slate-500 bg-slate-50 text-slate-800 dark:bg-slate-900 dark:text-slate-100',
};

/**
 * The task's latest certification: its number and status (live: a decision's event refreshes the task),
 * and, for those who may review, a link to its review in the review queue.
 */
export function CertificationBadge({
  certification,
  onOpenReview,
}: {
  certification: TaskCertification;
  /** given only to those who may review certifications */
  onOpenReview?: (certificationId: string) => void;
}) {
  return (
    <p className="flex flex-wrap items-center gap-2 text-sm">
      <span
        role="status"
        aria-label={`Certification ${certification.number}: ${WORDS[certification.status]}`}
        className={cn('rounded-full border px-2 py-0.5 font-medium', TONE[certification.status])}
      >
        {certification.number} · {WORDS[certification.status]}
      </span>
      {onOpenReview && (
        <a
          href={`?certification=${encodeURIComponent(certification.id)}`}
          className="text-brand-700 underline dark:text-brand-300"
          onClick={(e) => {
            e.preventDefault();
            onOpenReview(certification.id);
          }}
        >
          Open the review of {certification.number}
        </a>
      )}
    </p>
  );
}
