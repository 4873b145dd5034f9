import { describe, expect, it } from 'vitest';
import { terminalSafe } from './io.js';
import { main } from './main.js';

describe('terminal output: control characters from workbooks and servers are shown, never obeyed', () => {
  it('escapes C0 (but tab and newlines), DEL and C1 — U+009B is a CSI on many terminals', () => {
    expect(terminalSafe('Org \u009b2J name\u001b[31m red\u0007\n\tok\r\n')).toBe(
      'Org \\u009b2J name\\u001b[31m red\\u0007\n\tok\r\n',
    );
    expect(terminalSafe('Plain ✓ Zürich 😀')).toBe('Plain ✓ Zürich 😀');
  });

  it('applies to everything a command prints, JSON included (the escape is the same character there)', async () => {
    let err = '';
    const code = await main(['check', 'no-such-\u009b\u001b[2J.xlsx'], {
      stdout: () => undefined,
      stderr: (t) => (err += t),
      cwd: process.cwd(),
      now: () => new Date('2026-06-30T00:00:00Z'),
    });
    expect(code).toBe(2);
    expect(err).toContain('no-such-\\u009b\\u001b[2J.xlsx');
    // Shown as text, never sent raw: neither ESC (0x1b) nor CSI (0x9b) reaches the terminal.
    expect([...err].some((c) => c === String.fromCharCode(0x1b) || c === String.fromCharCode(0x9b))).toBe(false);
    expect(JSON.parse(`"${terminalSafe('\u0085')}"`)).toBe('\u0085');
  });
});
