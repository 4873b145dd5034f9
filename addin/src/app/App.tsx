import {
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Tab,
  TabList,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import type { PortfolioEntry } from '@qms/client';
import type { TemplateVersionNote, WorkbookResult } from '@qms/templates';
import { Suspense, lazy, startTransition, useEffect, useMemo, useState, type ComponentType } from 'react';
import {
  KEPT_ASSESSMENT_KEY,
  KEPT_CHECK_KEY,
  KEPT_PORTFOLIO_KEY,
  KEPT_VERSION_NOTES_KEY,
  readKept,
  writeKept,
} from './kept.ts';
import { ORG_KEY, SharedStateContext, type KeptAssessment } from './state.ts';
import { useServices } from './services.ts';
import { TabIcon } from './TabIcon.tsx';
import type { WorkbookPack } from '../packs/org-pack.ts';

// Every view is its own chunk: the first paint carries only this shell.
const TemplatesView = lazy(() => import('../views/TemplatesView.tsx'));
const CheckView = lazy(() => import('../views/CheckView.tsx'));
const SyncView = lazy(() => import('../views/SyncView.tsx'));
const ReadinessView = lazy(() => import('../views/ReadinessView.tsx'));
const PortfolioView = lazy(() => import('../views/PortfolioView.tsx'));
const OutsideExcelView = lazy(() => import('../views/OutsideExcelView.tsx'));

export type ViewId = 'templates' | 'check' | 'sync' | 'readiness' | 'portfolio';

// Four tabs, which fit one row of a 320 px pane; the consultants' Portfolio is a command in the header instead.
const TABS: { id: Exclude<ViewId, 'portfolio'>; label: string }[] = [
  { id: 'templates', label: 'Templates' },
  { id: 'check', label: 'Check' },
  { id: 'sync', label: 'Sync' },
  { id: 'readiness', label: 'Readiness' },
];

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    // No minimum width: at 200 % zoom a 320 px pane is 160 CSS px wide, and a minimum would scroll it sideways.
    minWidth: 0,
    boxSizing: 'border-box',
    maxWidth: '100%',
    overflowWrap: 'anywhere',
    color: tokens.colorNeutralForeground1,
    backgroundColor: tokens.colorNeutralBackground1,
    minHeight: '100vh',
    // Fluent's buttons keep a 96 px minimum and their words on one line; in a pane narrower than a row of them
    // they may shrink and wrap instead of pushing the pane sideways. Fields likewise.
    '& .fui-Button': { minWidth: 'min(96px, 100%)', maxWidth: '100%', height: 'auto', minHeight: '32px' },
    '& .fui-Input, & .fui-Select, & .fui-Textarea, & .fui-Field': { minWidth: 0, maxWidth: '100%' },
  },
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
  },
  // The product name breaks between its words, never inside one; the command moves below it when both do not fit.
  title: { display: 'flex', flexDirection: 'column', minWidth: 0, overflowWrap: 'normal' },
  tabs: { flexWrap: 'nowrap', minWidth: 0 },
  tab: {
    paddingLeft: tokens.spacingHorizontalXS,
    paddingRight: tokens.spacingHorizontalXS,
    minHeight: '32px',
    minWidth: '32px',
    justifyContent: 'center',
  },
  // Wide enough panes show the words; narrower ones (or any pane at 200 % zoom) only the icons.
  tabIcon: { display: 'none', '@media (max-width: 319.98px)': { display: 'inline-flex' } },
  tabLabel: {
    '@media (max-width: 319.98px)': {
      position: 'absolute',
      width: '1px',
      height: '1px',
      overflow: 'hidden',
      clipPath: 'inset(50%)',
      whiteSpace: 'nowrap',
    },
  },
  // A plain button styled with Fluent's tokens: Fluent's Button would bring its code into the first paint, which
  // otherwise has no button (the views that use it load on their own).
  command: {
    minHeight: '32px',
    minWidth: '32px',
    flexShrink: 0,
    padding: `0 ${tokens.spacingHorizontalM}`,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
  },
  commandOn: {
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorBrandBackground}`,
    ':hover': { backgroundColor: tokens.colorBrandBackgroundHover },
  },
});

/** `initialView` is the Templates view already loaded by the entry, so the first paint needs no fallback. */
export function App({ initialView }: { initialView?: ComponentType | undefined }) {
  const services = useServices();
  const styles = useStyles();
  const session = services.sessionStorage;
  const [view, setView] = useState<ViewId>('templates');
  const [org, setOrgState] = useState(() => services.storage.getItem(ORG_KEY) ?? '');
  const [asOf, setAsOf] = useState(() => services.today());
  // What the pane showed before a reload comes back from the session.
  const [lastCheck, setLastCheck] = useState(() => readKept<WorkbookResult>(session, KEPT_CHECK_KEY));
  const [versionNotes, setVersionNotes] = useState(
    () => readKept<TemplateVersionNote[]>(session, KEPT_VERSION_NOTES_KEY) ?? [],
  );
  const [assessment, setAssessment] = useState(() => readKept<KeptAssessment>(session, KEPT_ASSESSMENT_KEY));
  const [portfolio, setPortfolio] = useState(() => readKept<PortfolioEntry[]>(session, KEPT_PORTFOLIO_KEY));
  const [highlighted, setHighlighted] = useState(0);
  // Pack content and its tools are large and rebuilt by the next check: memory only.
  const [workbookPack, setWorkbookPack] = useState<WorkbookPack | undefined>();

  const workbook = services.workbook;
  // Highlights are recorded in the workbook: after a reload (or a colleague's highlight) the pane still knows.
  useEffect(() => {
    let live = true;
    workbook
      ?.highlightCount()
      .then((n) => live && setHighlighted(n))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [workbook]);

  const shared = useMemo(
    () => ({
      org,
      setOrg: (value: string) => {
        services.storage.setItem(ORG_KEY, value);
        setOrgState(value);
      },
      asOf,
      setAsOf,
      lastCheck,
      setLastCheck: (value: WorkbookResult | undefined) => {
        writeKept(session, KEPT_CHECK_KEY, value);
        setLastCheck(value);
      },
      versionNotes,
      setVersionNotes: (notes: TemplateVersionNote[]) => {
        writeKept(session, KEPT_VERSION_NOTES_KEY, notes);
        setVersionNotes(notes);
      },
      assessment,
      setAssessment: (value: KeptAssessment | undefined) => {
        writeKept(session, KEPT_ASSESSMENT_KEY, value);
        setAssessment(value);
      },
      portfolio,
      setPortfolio: (value: PortfolioEntry[] | undefined) => {
        writeKept(session, KEPT_PORTFOLIO_KEY, value);
        setPortfolio(value);
      },
      highlighted,
      setHighlighted,
      workbookPack,
      setWorkbookPack,
    }),
    [org, asOf, lastCheck, versionNotes, assessment, portfolio, highlighted, workbookPack, services, session],
  );
  const host = services.host;
  const Templates = initialView ?? TemplatesView;
  const select = (next: ViewId) => startTransition(() => setView(next));

  return (
    <SharedStateContext.Provider value={shared}>
      <main className={styles.root}>
        <header className={styles.header}>
          <div className={styles.title}>
            <Text as="h1" size={500} weight="semibold">
              QMS Readiness
            </Text>
            {services.brand ? <Text size={200}>{services.brand}</Text> : null}
          </div>
          {host.kind === 'excel' || host.kind === 'excel-too-old' ? (
            <button
              type="button"
              className={mergeClasses(styles.command, view === 'portfolio' ? styles.commandOn : undefined)}
              aria-pressed={view === 'portfolio'}
              onClick={() => select(view === 'portfolio' ? 'readiness' : 'portfolio')}
            >
              Portfolio
            </button>
          ) : null}
        </header>
        {host.kind === 'starting' ? (
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>Excel is still starting the add-in.</MessageBarTitle>
              This can take a little while when Excel has just opened; the pane carries on by itself.
            </MessageBarBody>
          </MessageBar>
        ) : null}
        {host.kind === 'starting' ? <Spinner size="small" label="Waiting for Excel" /> : null}
        {host.kind === 'excel-too-old' ? (
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>This Excel is too old for QMS Readiness.</MessageBarTitle>
              It needs ExcelApi 1.7 or later (1.13 to insert template files). Update Office, or open the workbook in
              Excel on the web.
            </MessageBarBody>
          </MessageBar>
        ) : null}
        {host.kind === 'excel' && !host.insertFromBase64 ? (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>
              This Excel lacks ExcelApi 1.13, so templates are built sheet by sheet without their formatting and
              drop-downs. Update Office for the full templates.
            </MessageBarBody>
          </MessageBar>
        ) : null}
        {host.kind === 'outside-excel' ? (
          <Suspense fallback={<Spinner label="Loading" />}>
            <OutsideExcelView reason={host.reason} />
          </Suspense>
        ) : null}
        {host.kind === 'excel' || host.kind === 'excel-too-old' ? (
          <>
            <TabList
              selectedValue={view}
              onTabSelect={(_, data) => select(data.value as ViewId)}
              aria-label="Views"
              size="small"
              className={styles.tabs}
            >
              {TABS.map((v) => (
                <Tab
                  key={v.id}
                  value={v.id}
                  id={`tab-${v.id}`}
                  aria-controls={`panel-${v.id}`}
                  className={styles.tab}
                  title={v.label}
                >
                  <span className={styles.tabIcon}>
                    <TabIcon view={v.id} />
                  </span>
                  <span className={styles.tabLabel}>{v.label}</span>
                </Tab>
              ))}
            </TabList>
            <section
              role={view === 'portfolio' ? 'region' : 'tabpanel'}
              id={`panel-${view}`}
              {...(view === 'portfolio' ? { 'aria-label': 'Client portfolio' } : { 'aria-labelledby': `tab-${view}` })}
            >
              <Suspense fallback={<Spinner label="Loading" />}>
                {view === 'templates' ? <Templates /> : null}
                {view === 'check' ? <CheckView /> : null}
                {view === 'sync' ? <SyncView /> : null}
                {view === 'readiness' ? <ReadinessView /> : null}
                {view === 'portfolio' ? <PortfolioView /> : null}
              </Suspense>
            </section>
          </>
        ) : null}
      </main>
    </SharedStateContext.Provider>
  );
}
