import {
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { templateChoices } from '../templates/catalogue.ts';
import { fileDataUrl, fileName, hasFile } from '../templates/files.ts';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

/** Opened in a plain browser: say so, and offer the template files for download instead. */
export default function OutsideExcelView({ reason }: { reason: string }) {
  const styles = useStyles();
  const [error, setError] = useState<string | undefined>();
  const files = templateChoices().filter((c) => hasFile(c.id));

  async function download(id: string) {
    const url = await fileDataUrl(id);
    if (!url) {
      setError(`The file for ${id} is missing from this build; rebuild the pane after generating templates/xlsx.`);
      return;
    }
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName(id);
    a.click();
  }

  return (
    <div className={styles.list}>
      <MessageBar intent="info">
        <MessageBarBody>
          <MessageBarTitle>Open this pane in Excel.</MessageBarTitle>
          QMS Readiness runs inside Excel ({reason}). In Excel, choose Home &gt; QMS Readiness. Until then you can
          download the templates and fill them in any spreadsheet program.
        </MessageBarBody>
      </MessageBar>
      {error ? (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      ) : null}
      {files.length === 0 ? (
        <Text>
          No template files are built into this copy of the pane. Generate them with `qms templates` and rebuild.
        </Text>
      ) : (
        <ul aria-label="Template downloads">
          {files.map((c) => (
            <li key={c.id}>
              <Link as="button" onClick={() => void download(c.id)}>
                Download {c.title} ({fileName(c.id)})
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
