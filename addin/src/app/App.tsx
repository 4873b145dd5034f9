import {
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Tab,
  TabList,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { TemplateVersionNote, WorkbookResult } from '@qms/templates';
import { Suspense, lazy, startTransition, useMemo, useState, type ComponentType } from 'react';
import { ORG_KEY, SharedStateContext } from './state.ts';
import { useServices } from './services.ts';

// Every view is its own chunk: the first paint carries only this shell.
const TemplatesView = lazy(() => import('../views/TemplatesView.tsx'));
const CheckView = lazy(() => import('../views/CheckView.tsx'));
const SyncView = lazy(() => import('../views/SyncView.tsx'));
const ReadinessView = lazy(() => import('../views/ReadinessView.tsx'));
const PortfolioView = lazy(() => import('../views/PortfolioView.tsx'));
const OutsideExcelView = lazy(() => import('../views/OutsideExcelView.tsx'));

export type ViewId = 'templates' | 'check' | 'sync' | 'readiness' | 'portfolio';

const VIEWS: { id: ViewId; label: string }[] = [
  { id: 'templates', label: 'Templates' },
  { id: 'check', label: 'Check' },
  { id: 'sync', label: 'Sync' },
  { id: 'readiness', label: 'Readiness' },
  { id: 'portfolio', label: 'Portfolio' },
];

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    minWidth: '280px',
  },
  header: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  // Task panes are often ~320 px wide: the tabs wrap rather than hide, and are narrow enough to fit one row at ~400 px.
  tabs: { flexWrap: 'wrap' },
  tab: { paddingLeft: tokens.spacingHorizontalXS, paddingRight: tokens.spacingHorizontalXS },
});

/** `initialView` is the Templates view already loaded by the entry, so the first paint needs no fallback. */
export function App({ initialView }: { initialView?: ComponentType | undefined }) {
  const services = useServices();
  const styles = useStyles();
  const [view, setView] = useState<ViewId>('templates');
  const [org, setOrgState] = useState(() => services.storage.getItem(ORG_KEY) ?? '');
  const [asOf, setAsOf] = useState(() => services.today());
  const [lastCheck, setLastCheck] = useState<WorkbookResult | undefined>();
  const [versionNotes, setVersionNotes] = useState<TemplateVersionNote[]>([]);
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
      setLastCheck,
      versionNotes,
      setVersionNotes,
    }),
    [org, asOf, lastCheck, versionNotes, services],
  );
  const host = services.host;
  const Templates = initialView ?? TemplatesView;

  return (
    <SharedStateContext.Provider value={shared}>
      <main className={styles.root}>
        <header className={styles.header}>
          <Text as="h1" size={500} weight="semibold">
            QMS Readiness
          </Text>
          {services.brand ? <Text size={200}>{services.brand}</Text> : null}
        </header>
        {host.kind === 'excel-too-old' ? (
          <MessageBar intent="error">
            <MessageBarBody>
              <MessageBarTitle>This Excel is too old for QMS Readiness.</MessageBarTitle>
              It needs ExcelApi 1.7 or later (1.13 to insert template files). Update Office, or open the workbook in
              Excel on the web.
            </MessageBarBody>
          </MessageBar>
        ) : null}
        {host.kind === 'excel' && !host.insertFromBase64 ? (
          <MessageBar intent="warning">
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
        ) : (
          <>
            <TabList
              selectedValue={view}
              onTabSelect={(_, data) => startTransition(() => setView(data.value as ViewId))}
              aria-label="Views"
              size="small"
              className={styles.tabs}
            >
              {VIEWS.map((v) => (
                <Tab key={v.id} value={v.id} id={`tab-${v.id}`} aria-controls={`panel-${v.id}`} className={styles.tab}>
                  {v.label}
                </Tab>
              ))}
            </TabList>
            <section role="tabpanel" id={`panel-${view}`} aria-labelledby={`tab-${view}`}>
              <Suspense fallback={<Spinner label="Loading" />}>
                {view === 'templates' ? <Templates /> : null}
                {view === 'check' ? <CheckView /> : null}
                {view === 'sync' ? <SyncView /> : null}
                {view === 'readiness' ? <ReadinessView /> : null}
                {view === 'portfolio' ? <PortfolioView /> : null}
              </Suspense>
            </section>
          </>
        )}
      </main>
    </SharedStateContext.Provider>
  );
}
