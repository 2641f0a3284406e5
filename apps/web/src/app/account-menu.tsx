import { DropdownMenu } from 'radix-ui';
import { AccountButton } from '@/app/account-button';
import { NotificationsToggle } from '@/features/notifications/components/notifications-toggle';

export interface AccountMenuProps {
  name: string;
  email?: string;
  onSignOut: () => void;
}

/** The account menu (Radix dropdown): the email, the notifications switch, sign out. Opens when mounted. */
export function AccountMenu({ name, email, onSignOut }: AccountMenuProps) {
  return (
    <DropdownMenu.Root defaultOpen>
      <DropdownMenu.Trigger asChild>
        <AccountButton name={name} />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="end"
          className="min-w-48 rounded-md border border-slate-200 bg-white p-1 shadow-lg dark:border-slate-700 dark:bg-slate-900"
        >
          <DropdownMenu.Label className="px-2 py-1 text-xs text-slate-600 dark:text-slate-300">
            {email}
          </DropdownMenu.Label>
          <NotificationsToggle />
          <DropdownMenu.Item
            onSelect={onSignOut}
            className="cursor-pointer rounded px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-slate-100 dark:data-[highlighted]:bg-slate-800"
          >
            Sign out
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
