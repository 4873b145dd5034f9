import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { PackOffer, WorkbookPack } from '../packs/org-pack.ts';

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

/**
 * The pack a workbook came from (its `qms.pack` marker): a note when its extra columns could not be checked, and
 * when the organisation has a later version, "this workbook is from pack … v1; v2 is available" with what changes
 * and an "Upgrade to v2" action (the same line `qms check --pack` prints, in the pane's words).
 */
export function PackNotes({
  pack,
  busy,
  otherWork = false,
  onUpgrade,
}: {
  pack: WorkbookPack | undefined;
  /** This upgrade is running. */
  busy: boolean;
  /** Something else that writes the workbook is running (a product template upgrade). */
  otherWork?: boolean;
  onUpgrade: (offer: PackOffer) => void;
}) {
  const styles = useStyles();
  if (!pack || (!pack.note && !pack.offer)) return null;
  const offer = pack.offer;
  return (
    <section aria-label="Template pack">
      {pack.note ? (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{pack.note}</MessageBarBody>
        </MessageBar>
      ) : null}
      {offer ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Newer pack version</MessageBarTitle>
            This workbook is from pack {pack.ref.id} v{pack.ref.version}; v{offer.to.version} is available.
            {offer.changes.length > 0 ? (
              <ul className={styles.list} aria-label="Pack changes">
                {offer.changes.map((c, i) => (
                  <li key={`${c.kind}-${i}`}>{c.text}</li>
                ))}
              </ul>
            ) : (
              <Text block>Nothing the sheets hold changes.</Text>
            )}
            {offer.plan.notInPlace.map((line) => (
              <Text block size={200} key={line}>
                {line}.
              </Text>
            ))}
            {offer.plan.problems.length > 0 ? (
              <Text block>It cannot be upgraded in place: {offer.plan.problems.join('; ')}. Nothing was changed.</Text>
            ) : null}
          </MessageBarBody>
          <MessageBarActions>
            <Button
              disabled={busy || otherWork || offer.plan.problems.length > 0 || offer.plan.sheets.length === 0}
              onClick={() => onUpgrade(offer)}
            >
              {busy ? 'Upgrading…' : `Upgrade to v${offer.to.version}`}
            </Button>
          </MessageBarActions>
        </MessageBar>
      ) : null}
    </section>
  );
}
