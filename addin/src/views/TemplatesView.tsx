import { Button, Card, CardHeader, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { describeError } from '../app/describe-error.ts';
import { useServices } from '../app/services.ts';
import { markersOf, sheetBuilds, templateChoices, versionsOf, type TemplateChoice } from '../templates/catalogue.ts';
import { fileBase64, hasFile } from '../templates/files.ts';
import { Status, type StatusMessage } from './Status.tsx';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

export default function TemplatesView() {
  const services = useServices();
  const styles = useStyles();
  const [busy, setBusy] = useState<string | undefined>();
  const [status, setStatus] = useState<StatusMessage>();
  const workbook = services.workbook;
  const canInsertFiles = services.host.kind === 'excel' && services.host.insertFromBase64;

  async function insert(choice: TemplateChoice) {
    if (!workbook) return;
    setBusy(choice.id);
    setStatus(undefined);
    const templates = versionsOf(choice.modules);
    try {
      let note = '';
      let sheets: string[] | undefined;
      if (canInsertFiles && hasFile(choice.id)) {
        const base64 = await fileBase64(choice.id);
        try {
          if (base64)
            sheets = (
              await workbook.insert({
                file: { id: choice.id, base64 },
                markers: markersOf(choice.modules),
                templates,
                ...(services.brand ? { brand: services.brand } : {}),
              })
            ).sheets;
        } catch (error) {
          // Excel on the web refuses files with charts or comments; building the sheets still gives usable templates.
          note = ` (the file could not be inserted: ${error instanceof Error ? error.message : String(error)}; the sheets were built without formatting instead)`;
        }
      }
      sheets ??= (await workbook.build(sheetBuilds(choice.modules, services.brand), templates)).sheets;
      setStatus({ intent: 'success', text: `Inserted ${sheets.join(', ')}${note}. Fill them in, then use Check.` });
    } catch (error) {
      setStatus({
        intent: 'error',
        text: `${describeError(`Inserting ${choice.title}`, error)}. Close any cell you are editing and try again.`,
      });
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <div className={styles.list}>
      <Text>Insert ISO 9001 templates into this workbook. Existing sheets are never overwritten.</Text>
      {services.brand ? <Text size={200}>Templates provided by {services.brand}.</Text> : null}
      <Status status={status} />
      {templateChoices().map((choice) => (
        <Card key={choice.id} size="small">
          <CardHeader
            header={<Text weight="semibold">{choice.title}</Text>}
            description={<Text size={200}>{choice.description}</Text>}
          />
          <Button
            appearance={choice.id === 'starter' ? 'primary' : 'secondary'}
            disabled={busy !== undefined}
            onClick={() => void insert(choice)}
          >
            {busy === choice.id ? 'Inserting…' : `Insert ${choice.title}`}
          </Button>
        </Card>
      ))}
    </div>
  );
}
