import { MessageBar, MessageBarBody } from '@fluentui/react-components';

export type StatusMessage = { intent: 'success' | 'error' | 'warning' | 'info'; text: string } | undefined;

/**
 * The message a view uses to say what happened; announced politely to screen readers. Multiline, so a long
 * message wraps inside a 320 px pane instead of running off its edge.
 */
export function Status({ status }: { status: StatusMessage }) {
  if (!status) return null;
  return (
    <MessageBar layout="multiline" intent={status.intent} role={status.intent === 'error' ? 'alert' : 'status'}>
      <MessageBarBody>{status.text}</MessageBarBody>
    </MessageBar>
  );
}
