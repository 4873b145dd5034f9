import { describe, expect, it } from 'vitest';
import { apiOriginPolicy, apiUrlProblem } from './api-origin.ts';

describe('pane.api-origin: the bearer token goes only to the servers the pane was built for', () => {
  const production = apiOriginPolicy({
    VITE_QMS_API_URL: 'https://qms-api.example.net/api',
    VITE_QMS_API_ORIGINS: 'https://eu.qms-api.example.net',
  });

  it('a production build allows its own https origins only', () => {
    expect(apiUrlProblem('https://qms-api.example.net/api', production)).toBeUndefined();
    expect(apiUrlProblem('https://eu.qms-api.example.net/api', production)).toBeUndefined();
    expect(apiUrlProblem('https://evil.example/api', production)).toMatch(/not a server this pane was built for/);
    expect(apiUrlProblem('http://qms-api.example.net/api', production)).toMatch(/not https/);
    expect(apiUrlProblem('http://localhost:7071/api', production)).toMatch(/not https/);
    expect(apiUrlProblem('qms-api', production)).toMatch(/not a web address/);
  });

  it('development adds localhost, over http or https, and nothing else', () => {
    const dev = apiOriginPolicy({ DEV: true });
    expect(apiUrlProblem('http://localhost:7071/api', dev)).toBeUndefined();
    expect(apiUrlProblem('http://127.0.0.1:9999/api', dev)).toBeUndefined();
    expect(apiUrlProblem('https://evil.example/api', dev)).toMatch(/not a server this pane was built for \(none set\)/);
    expect(apiUrlProblem('http://localhost.evil.example/api', dev)).toMatch(/not https/);
  });
});
