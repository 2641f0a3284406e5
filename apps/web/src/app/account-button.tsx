import { Button } from '@/components/ui/button';

/** The account button's look, before and after its menu's code has loaded. */
export function AccountButton({ name, ...props }: { name: string } & Parameters<typeof Button>[0]) {
  return (
    <Button variant="secondary" aria-label={`Account: ${name}`} {...props}>
      <span className="max-w-20 truncate sm:max-w-32">{name}</span>
    </Button>
  );
}
