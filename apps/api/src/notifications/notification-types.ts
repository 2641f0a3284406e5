/**
 * The kinds of notification a user can receive, with the channels on by default. In-app (the
 * notification centre and the live event on the user's private channel) is always on; push and email
 * follow the user's preferences.
 */
export const NOTIFICATION_TYPES = {
  'task.assigned': { label: 'A task is assigned to me', push: true, email: true },
  'certification.decided': {
    label: 'A certification of my task is decided',
    push: true,
    email: true,
  },
} as const;

export type NotificationType = keyof typeof NOTIFICATION_TYPES;

export const isNotificationType = (value: string): value is NotificationType =>
  Object.prototype.hasOwnProperty.call(NOTIFICATION_TYPES, value);
