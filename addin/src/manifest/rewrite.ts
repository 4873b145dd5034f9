/** The dev server's origin, as written in the repository's manifest.xml. */
export const DEV_ORIGIN = 'https://localhost:3000';

/**
 * Points every dev URL of the manifest at the production origin. Office only loads add-ins over HTTPS, so a
 * plain-http or malformed base is refused with a message that says what to set.
 */
export function rewriteManifest(xml: string, baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new Error(
      `ADDIN_BASE_URL "${baseUrl}" is not a URL; set it to the HTTPS address that serves addin/dist, e.g. https://qms.example.com`,
    );
  }
  if (url.protocol !== 'https:') {
    throw new Error(`ADDIN_BASE_URL "${baseUrl}" must start with https://; Office loads add-ins only over HTTPS`);
  }
  const base = url.href.replace(/\/+$/, '');
  // AppDomain entries are origins, not paths: the production origin replaces the dev one.
  return xml
    .replaceAll(`<AppDomain>${DEV_ORIGIN}</AppDomain>`, `<AppDomain>${url.origin}</AppDomain>`)
    .replaceAll(DEV_ORIGIN, base);
}
