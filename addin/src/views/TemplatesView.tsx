import {
  Button,
  Card,
  CardHeader,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { describeError } from '../app/describe-error.ts';
import { useServices } from '../app/services.ts';
import { useShared } from '../app/state.ts';
import { orgPackFor, type OrgPackState } from '../packs/org-pack.ts';
import type { PackChoice } from '../packs/pack-tools.ts';
import { markersOf, sheetBuilds, templateChoices, versionsOf, type TemplateChoice } from '../templates/catalogue.ts';
import { fileBase64, hasFile } from '../templates/files.ts';
import { Status, type StatusMessage } from './Status.tsx';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

/** A template the user asked for whose sheets the workbook has already: asked about before anything is inserted. */
interface Clash {
  choice: TemplateChoice | PackChoice;
  sheets: string[];
}

const isPackChoice = (choice: TemplateChoice | PackChoice): choice is PackChoice => 'file' in choice;

export default function TemplatesView() {
  const services = useServices();
  const shared = useShared();
  const styles = useStyles();
  const [busy, setBusy] = useState<string | undefined>();
  const [status, setStatus] = useState<StatusMessage>();
  const [clash, setClash] = useState<Clash | undefined>();
  // The organisation's pack, asked for whenever the organisation changes; undefined while asking.
  const [orgPack, setOrgPack] = useState<OrgPackState | undefined>();
  const workbook = services.workbook;
  const canInsertFiles = services.host.kind === 'excel' && services.host.insertFromBase64;
  const org = shared.org;

  useEffect(() => {
    let current = true;
    setOrgPack(undefined);
    void orgPackFor(services, org).then((state) => {
      if (current) setOrgPack(state);
    });
    return () => {
      current = false;
    };
  }, [services, org]);

  // A pack's sheets come from its files: a host that cannot insert files gets the product's sheets, built.
  const pack = orgPack?.kind === 'pack' && canInsertFiles ? orgPack : undefined;
  const choices: (TemplateChoice | PackChoice)[] = pack ? pack.tools.packChoices(pack.pack) : templateChoices();

  /** Inserting a template again would add "CAPA Log (2)", which Check does not read: ask first. */
  async function ask(choice: TemplateChoice | PackChoice) {
    if (!workbook) return;
    setStatus(undefined);
    setClash(undefined);
    try {
      const sheets = await workbook.existingSheets(Object.keys(markersOf(choice.modules)));
      if (sheets.length > 0) setClash({ choice, sheets });
      else await insert(choice);
    } catch (error) {
      setStatus({ intent: 'error', text: describeError(`Inserting ${choice.title}`, error) });
    }
  }

  async function goTo(sheet: string) {
    setClash(undefined);
    try {
      await workbook?.select(sheet, 'A1');
    } catch (error) {
      setStatus({ intent: 'error', text: describeError(`Going to ${sheet}`, error) });
    }
  }

  async function insert(choice: TemplateChoice | PackChoice) {
    if (!workbook) return;
    setClash(undefined);
    setBusy(choice.id);
    setStatus(undefined);
    const templates = versionsOf(choice.modules);
    try {
      let note = '';
      let sheets: string[] | undefined;
      if (isPackChoice(choice)) {
        if (!pack) throw new Error("the organisation's pack is no longer loaded; open Templates again");
        // Built here from the pack's JSON, as `qms pack build` builds it: the brand, titles and columns are in the file.
        const request = await pack.tools.buildPackInsert(pack.pack, choice);
        sheets = (await workbook.insert(request)).sheets;
      } else if (canInsertFiles && hasFile(choice.id)) {
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

  const list = (names: string[]) => names.map((n) => `"${n}"`).join(', ');
  return (
    <div className={styles.list}>
      <Text>Insert ISO 9001 templates into this workbook. Existing sheets are never overwritten.</Text>
      <PackLine state={orgPack} canInsertFiles={canInsertFiles} />
      {services.brand && !pack ? <Text size={200}>Templates provided by {services.brand}.</Text> : null}
      <Status status={status} />
      {clash ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>
              {clash.sheets.length === 1 ? `${list(clash.sheets)} is` : `${list(clash.sheets)} are`} already in this
              workbook.
            </MessageBarTitle>
            Inserting {clash.choice.title} again adds copies such as "{clash.sheets[0]} (2)", which Check does not read.
            Carry on in the sheet you have, or insert copies anyway.
          </MessageBarBody>
          <MessageBarActions>
            <div className={styles.actions}>
              <Button appearance="primary" onClick={() => void goTo(clash.sheets[0]!)}>
                Go to {clash.sheets[0]}
              </Button>
              <Button onClick={() => void insert(clash.choice)}>Insert copies anyway</Button>
              <Button appearance="subtle" onClick={() => setClash(undefined)}>
                Cancel
              </Button>
            </div>
          </MessageBarActions>
        </MessageBar>
      ) : null}
      {choices.map((choice) => (
        <Card key={choice.id} size="small">
          <CardHeader
            header={<Text weight="semibold">{choice.title}</Text>}
            description={<Text size={200}>{choice.description}</Text>}
          />
          <Button
            appearance={choice === choices[0] ? 'primary' : 'secondary'}
            disabled={busy !== undefined}
            onClick={() => void ask(choice)}
          >
            {busy === choice.id ? 'Inserting…' : `Insert ${choice.title}`}
          </Button>
        </Card>
      ))}
    </div>
  );
}

/** Where the offered templates come from: the organisation's pack, or the product's and why. */
function PackLine({ state, canInsertFiles }: { state: OrgPackState | undefined; canInsertFiles: boolean }) {
  if (!state) return <Text size={200}>Looking for your organisation&apos;s pack…</Text>;
  if (state.kind === 'pack') {
    const name = `${state.pack.brand?.name ?? state.pack.title} v${state.pack.version}`;
    return canInsertFiles ? (
      <Text size={200}>
        Templates from {name} ({state.pack.title}).
      </Text>
    ) : (
      <Status
        status={{
          intent: 'warning',
          text: `Your organisation uses ${name}, whose files this Excel cannot insert (it needs ExcelApi 1.13); falling back to the product's templates.`,
        }}
      />
    );
  }
  if (state.kind === 'error')
    return <Status status={{ intent: 'warning', text: `${state.why}; falling back to the product's templates.` }} />;
  return <Text size={200}>Falling back to the product&apos;s templates: {state.why}.</Text>;
}
