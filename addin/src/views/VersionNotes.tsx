import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { describeVersionNote, type TemplateVersionNote } from '@qms/templates';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
});

/**
 * One warning bar per template sheet whose version is not the one this pane ships, with the same line
 * `qms check` prints, and an "Upgrade sheet" action where a migration leads to the current version.
 */
export function VersionNotes({
  notes,
  busy,
  onUpgrade,
}: {
  notes: readonly TemplateVersionNote[];
  busy: string | undefined;
  onUpgrade: (note: TemplateVersionNote) => void;
}) {
  const styles = useStyles();
  if (notes.length === 0) return null;
  return (
    <section className={styles.list} aria-label="Template versions">
      {notes.map((note) => (
        <MessageBar key={note.sheet} intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{note.status === 'outdated' ? 'Older template' : 'Newer template'}</MessageBarTitle>
            {describeVersionNote(note)}
          </MessageBarBody>
          {note.upgradable ? (
            <MessageBarActions>
              <Button
                aria-label={`Upgrade sheet ${note.sheet}`}
                disabled={busy !== undefined}
                onClick={() => onUpgrade(note)}
              >
                {busy === note.sheet ? 'Upgrading…' : 'Upgrade sheet'}
              </Button>
            </MessageBarActions>
          ) : null}
        </MessageBar>
      ))}
    </section>
  );
}
