// @vitest-environment jsdom
// Leaving an organisation from the portfolio: a confirm step first, a busy state while it is sent, then the list
// is loaded again; the only owner's refusal is shown in the server's words (docs/api.md, members/me).
import { act, useState } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, type ApiClient, type PortfolioEntry } from '@qms/client';
import { ServicesContext, type PaneServices } from '../app/services.ts';
import { SharedStateContext, type SharedState } from '../app/state.ts';
import PortfolioView from './PortfolioView.tsx';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
globalThis.ResizeObserver ??= class {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
};

function entry(org: string, name: string, role: PortfolioEntry['role']): PortfolioEntry {
  return {
    id: org,
    org,
    name,
    role,
    readiness: 71.25,
    verdict: 'Ready for Stage 1',
    nextMilestone: null,
    assessedAt: null,
    lastSync: null,
  };
}
const ACME = entry('acme', 'Acme Ltd', 'consultant');
const BETA = entry('beta', 'Beta GmbH', 'owner');

/** The server: `leaveOrg` answers when the test says so; the portfolio then no longer holds what was left. */
function fakeApi() {
  let held = [ACME, BETA];
  const left: string[] = [];
  let answer: { resolve: () => void; reject: (e: unknown) => void } | undefined;
  const api = {
    portfolioWithInvitations: vi.fn(() => Promise.resolve({ orgs: held, invitations: [] })),
    leaveOrg: vi.fn(
      (org: string) =>
        new Promise<void>((resolve, reject) => {
          answer = {
            resolve: () => {
              left.push(org);
              held = held.filter((e) => e.org !== org);
              resolve();
            },
            reject,
          };
        }),
    ),
  };
  return {
    api: api as unknown as ApiClient,
    calls: api,
    left,
    answer: () => {
      if (!answer) throw new Error('leaveOrg was not called');
      return answer;
    },
  };
}

let root: Root | undefined;
let host: HTMLElement;
let shared: SharedState;

function Pane({ api }: { api: ApiClient }) {
  const [portfolio, setPortfolio] = useState<PortfolioEntry[] | undefined>([ACME, BETA]);
  const [org, setOrg] = useState('acme');
  shared = { org, setOrg, portfolio, setPortfolio } as unknown as SharedState;
  const services = { api, locale: 'en-GB' } as unknown as PaneServices;
  return (
    <ServicesContext.Provider value={services}>
      <SharedStateContext.Provider value={shared}>
        <PortfolioView />
      </SharedStateContext.Provider>
    </ServicesContext.Provider>
  );
}

async function render(api: ApiClient): Promise<void> {
  host = document.body.appendChild(document.createElement('div'));
  root = createRoot(host);
  await act(() => Promise.resolve(root?.render(<Pane api={api} />)));
}

function button(name: string): HTMLButtonElement {
  const found = [...host.querySelectorAll('button')].find(
    (b) => (b.getAttribute('aria-label') ?? b.textContent?.trim()) === name,
  );
  if (!found) throw new Error(`No button "${name}" in: ${host.textContent ?? ''}`);
  return found;
}
const click = (name: string) => act(() => Promise.resolve(button(name).click()));
const confirming = (name: string) => host.querySelector(`[role="group"][aria-label="Leave ${name}?"]`);
const listed = () => [...host.querySelectorAll('ul[aria-label="Portfolio"] > li')].map((li) => li.textContent);

afterEach(() => {
  act(() => root?.unmount());
  host?.remove();
});

describe('Portfolio view: leaving an organisation', () => {
  it('asks first; Cancel sends nothing', async () => {
    const server = fakeApi();
    await render(server.api);
    await click('Leave Acme Ltd');
    expect(confirming('Acme Ltd')?.textContent).toContain('You lose access to its records and readiness');
    expect(server.calls.leaveOrg).not.toHaveBeenCalled();
    await click('Cancel');
    expect(confirming('Acme Ltd')).toBeNull();
    expect(server.calls.leaveOrg).not.toHaveBeenCalled();
    expect(listed()).toHaveLength(2);
  });

  it('shows that it is leaving, then loads the list again without the organisation and lets go of it', async () => {
    const server = fakeApi();
    await render(server.api);
    await click('Leave Acme Ltd');
    await click('Leave');
    expect(server.calls.leaveOrg).toHaveBeenCalledWith('acme');
    // Busy: the confirm button says so, and no second leave can start meanwhile.
    expect(button('Leaving…').disabled).toBe(true);
    expect(button('Cancel').disabled).toBe(true);
    expect(button('Leave Beta GmbH').disabled).toBe(true);
    await act(() => Promise.resolve(server.answer().resolve()));
    await vi.waitFor(() => expect(host.textContent).toContain('You left "Acme Ltd".'));
    expect(server.left).toEqual(['acme']);
    expect(server.calls.portfolioWithInvitations).toHaveBeenCalledTimes(1);
    expect(listed()).toHaveLength(1);
    expect(listed()[0]).toContain('Beta GmbH');
    expect(confirming('Acme Ltd')).toBeNull();
    expect(shared.org).toBe('');
    expect(button('Leave Beta GmbH').disabled).toBe(false);
  });

  it("the only owner's refusal says to hand ownership over first, and nothing is left or reloaded", async () => {
    const server = fakeApi();
    await render(server.api);
    await click('Leave Beta GmbH');
    expect(confirming('Beta GmbH')?.textContent).toContain('make another member an owner first');
    await click('Leave');
    const detail = "You are this organisation's only owner, so you cannot leave it yet: hand ownership over first";
    await act(() =>
      Promise.resolve(
        server
          .answer()
          .reject(new ApiError(409, { status: 409, title: 'Conflict', code: 'last-owner', detail }, `${detail}.`)),
      ),
    );
    await vi.waitFor(() => expect(host.querySelector('[role="alert"]')?.textContent).toContain(detail));
    expect(host.querySelector('[role="alert"]')?.textContent).toMatch(/^Leaving "Beta GmbH" failed: /);
    expect(server.calls.portfolioWithInvitations).not.toHaveBeenCalled();
    expect(listed()).toHaveLength(2);
    expect(shared.org).toBe('acme');
    expect(button('Leave').disabled).toBe(false);
  });
});
