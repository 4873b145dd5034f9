// A module of its own, without zod: the task pane's first paint imports it through the API client, and the
// schemas in orgs.ts would bring zod along (docs/architecture.md, Budgets).

/**
 * In `/orgs/{org}/members/{user}`, this `{user}` stands for the caller: `DELETE /orgs/{org}/members/me` leaves the
 * organisation without knowing one's own user id (the task pane never learns it). See docs/api.md, members.
 */
export const SELF_MEMBER = 'me';
