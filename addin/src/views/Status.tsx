import { MessageBar, MessageBarBody } from '@fluentui/react-components';

export type StatusMessage = { intent: 'success' | 'error' | 'warning' | 'info'; text: string } | undefined;

/** The one line a view uses to say what happened; announced politely to screen readers. */
export function Status({ status }: { status: StatusMessage }) {
  if (!status) return null;
  return (
    <MessageBar intent={status.intent} role={status.intent === 'error' ? 'alert' : 'status'}>
      <MessageBarBody>{status.text}</MessageBarBody>
    </MessageBar>
  );
}
