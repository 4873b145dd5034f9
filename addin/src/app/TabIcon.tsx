import type { ViewId } from './App.tsx';

/**
 * Small line icons for the tabs, drawn here (no icon package in the first paint): below 320 CSS px (a narrow pane,
 * or any pane at 200 % zoom) the tabs show only these, so all four stay on one row; the label stays for screen
 * readers.
 */
const PATHS: Record<Exclude<ViewId, 'portfolio'>, string> = {
  // A sheet with rows.
  templates: 'M3 3h14v14H3z M3 8h14 M3 12.5h14 M8 3v14',
  // A tick in a box.
  check: 'M3 3h14v14H3z M6 10l3 3 5-6',
  // Two arrows around a circle.
  sync: 'M16 7a6.5 6.5 0 0 0-11.5-1 M4 3v3.5h3.5 M4 13a6.5 6.5 0 0 0 11.5 1 M16 17v-3.5h-3.5',
  // Bars rising.
  readiness: 'M3 17h14 M5 17v-5 M9 17V8 M13 17V4',
};

export function TabIcon({ view }: { view: Exclude<ViewId, 'portfolio'> }) {
  return (
    <svg width="20" height="20" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      <path
        d={PATHS[view]}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
