// The deployment as code, checked from its files: Azure cannot be reached from here, so this is what can be proven
// (docs/deploy.md). infra/main.json is the hand-kept ARM equivalent of infra/main.bicep; the last tests keep the
// two in step.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const infra = join(root, 'infra');
const read = (file: string): string => readFileSync(join(infra, file), 'utf8');

interface ArmResource {
  type: string;
  name: string;
  condition?: string;
  scope?: string;
  kind?: string;
  sku?: { name?: string; tier?: string };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- ARM JSON has no schema here; the tests assert its shape
  properties?: any;
}

const main = JSON.parse(read('main.json'));
const nested = (main.resources as ArmResource[]).find((r) => r.type === 'Microsoft.Resources/deployments');
const inner: ArmResource[] = nested?.properties.template.resources ?? [];
const ofType = (type: string): ArmResource[] => inner.filter((r) => r.type === type);
function one(type: string): ArmResource {
  const found = ofType(type);
  expect(found, type).toHaveLength(1);
  return found[0] as ArmResource;
}
const appSettings = (): Record<string, string> =>
  one('Microsoft.Web/sites/config').properties as Record<string, string>;

/** What each *.bicep file declares, read from its text (no Bicep compiler here). */
const bicepFiles = ['main.bicep', ...readdirSync(join(infra, 'app')).map((f) => `app/${f}`)].filter((f) =>
  f.endsWith('.bicep'),
);
const bicep = Object.fromEntries(bicepFiles.map((f) => [f, read(f)]));
const declared = (file: string, keyword: 'param' | 'output'): string[] =>
  [...(bicep[file] ?? '').matchAll(new RegExp(`^${keyword} (\\w+) `, 'gm'))].map((m) => m[1] as string);

/** The resource type each Azure Verified Module main.bicep uses creates (what main.json writes out instead). */
const AVM_TYPES: Record<string, string> = {
  'avm/res/managed-identity/user-assigned-identity': 'Microsoft.ManagedIdentity/userAssignedIdentities',
  'avm/res/web/serverfarm': 'Microsoft.Web/serverfarms',
  'avm/res/storage/storage-account': 'Microsoft.Storage/storageAccounts',
  'avm/res/operational-insights/workspace': 'Microsoft.OperationalInsights/workspaces',
  'avm/res/insights/component': 'Microsoft.Insights/components',
  'avm/res/web/static-site': 'Microsoft.Web/staticSites',
  'avm/res/web/site': 'Microsoft.Web/sites',
};

const ROLE = {
  tableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3',
  blobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b',
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb',
};
const PANE_ORIGIN = "[format('https://{0}', reference(variables('paneId'), '2023-12-01').defaultHostname)]";

describe('infra/main.json', () => {
  it('creates the resource group and, inside it, exactly the resources one deployment needs', () => {
    expect((main.resources as ArmResource[]).map((r) => r.type)).toEqual([
      'Microsoft.Resources/resourceGroups',
      'Microsoft.Resources/deployments',
    ]);
    expect(new Set(inner.map((r) => r.type))).toEqual(
      new Set([
        'Microsoft.ManagedIdentity/userAssignedIdentities',
        'Microsoft.Web/serverfarms',
        'Microsoft.Storage/storageAccounts',
        'Microsoft.Storage/storageAccounts/blobServices',
        'Microsoft.Storage/storageAccounts/blobServices/containers',
        'Microsoft.OperationalInsights/workspaces',
        'Microsoft.Insights/components',
        'Microsoft.Web/staticSites',
        'Microsoft.Web/sites',
        'Microsoft.Web/sites/config',
        'Microsoft.Authorization/roleAssignments',
      ]),
    );
  });

  it('runs the API on a Flex Consumption (FC1) plan with runtime node 22 and a blob-container deployment', () => {
    const plan = one('Microsoft.Web/serverfarms');
    expect(plan.sku).toEqual({ name: 'FC1', tier: 'FlexConsumption' });
    const site = one('Microsoft.Web/sites');
    expect(site.kind).toBe('functionapp,linux');
    const config = site.properties.functionAppConfig;
    expect(config.runtime).toEqual({ name: 'node', version: '22' });
    expect(config.deployment.storage.type).toBe('blobContainer');
    expect(config.deployment.storage.value).toContain("parameters('deploymentStorageContainerName')");
    expect(config.deployment.storage.authentication.type).toBe('UserAssignedIdentity');
    expect(one('Microsoft.Storage/storageAccounts/blobServices/containers').name).toContain(
      "parameters('deploymentStorageContainerName')",
    );
  });

  it('turns shared-key access and public blob access off on the storage account', () => {
    const account = one('Microsoft.Storage/storageAccounts');
    expect(account.properties.allowSharedKeyAccess).toBe(false);
    expect(account.properties.allowBlobPublicAccess).toBe(false);
    expect(account.properties.minimumTlsVersion).toBe('TLS1_2');
  });

  it('creates no tables: the app creates the ones it uses at start-up', () => {
    expect(inner.filter((r) => r.type.startsWith('Microsoft.Storage/storageAccounts/tableServices'))).toEqual([]);
  });

  it('grants the managed identity Table Data Contributor and Blob Data Owner on storage and Metrics Publisher on App Insights', () => {
    const forIdentity = ofType('Microsoft.Authorization/roleAssignments').filter(
      (r) => r.properties.principalType === 'ServicePrincipal',
    );
    const vars = nested?.properties.template.variables;
    const assigned = forIdentity.map((r) => {
      const roleVar = /variables\('(\w+)'\)\)\]$/.exec(r.properties.roleDefinitionId)?.[1] ?? '';
      return { role: vars[roleVar], scope: r.scope, principal: r.properties.principalId };
    });
    const storageScope = "[format('Microsoft.Storage/storageAccounts/{0}', parameters('storageAccountName'))]";
    const insightsScope = "[format('Microsoft.Insights/components/{0}', parameters('appInsightsName'))]";
    const identity = "[reference(variables('identityId'), '2023-01-31').principalId]";
    expect(assigned).toEqual(
      expect.arrayContaining([
        { role: ROLE.tableDataContributor, scope: storageScope, principal: identity },
        { role: ROLE.blobDataOwner, scope: storageScope, principal: identity },
        { role: ROLE.monitoringMetricsPublisher, scope: insightsScope, principal: identity },
      ]),
    );
    expect(assigned).toHaveLength(3);
    // The deployer's own assignments exist only when a principal id is given.
    const forUser = ofType('Microsoft.Authorization/roleAssignments').filter(
      (r) => r.properties.principalType === 'User',
    );
    expect(forUser.map((r) => r.condition)).toEqual(Array(3).fill("[not(empty(parameters('principalId')))]"));
  });

  it('keeps Application Insights local auth off and sends telemetry with the identity', () => {
    expect(one('Microsoft.Insights/components').properties.DisableLocalAuth).toBe(true);
    const settings = appSettings();
    expect(settings.APPLICATIONINSIGHTS_AUTHENTICATION_STRING).toBe(
      "[format('ClientId={0};Authorization=AAD', reference(variables('identityId'), '2023-01-31').clientId)]",
    );
    expect(settings.APPLICATIONINSIGHTS_CONNECTION_STRING).toContain("variables('appInsightsId')");
  });

  it('answers CORS for the pane origin only, on the platform and in QMS_CORS_ORIGINS', () => {
    const cors = one('Microsoft.Web/sites').properties.siteConfig.cors;
    expect(cors).toEqual({ allowedOrigins: [PANE_ORIGIN], supportCredentials: false });
    expect(appSettings().QMS_CORS_ORIGINS).toBe(PANE_ORIGIN);
    expect(JSON.stringify(main)).not.toContain('localhost');
  });

  it('gives the app the table endpoint URL, its identity and Entra settings, and no connection string or key', () => {
    const settings = appSettings();
    expect(settings.QMS_STORAGE).toBe(
      "[format('https://{0}.table.{1}', parameters('storageAccountName'), environment().suffixes.storage)]",
    );
    expect(settings.AZURE_CLIENT_ID).toBe("[reference(variables('identityId'), '2023-01-31').clientId]");
    expect(settings.QMS_AUTH_MODE).toBe('entra');
    expect(settings.QMS_ENTRA_TENANT_ID).toBe("[parameters('entraTenantId')]");
    expect(settings.QMS_ENTRA_AUDIENCE).toBe("[parameters('entraAudience')]");
    expect(settings.QMS_ENTRA_SCOPE).toBe("[parameters('entraScope')]");
    expect(settings.AzureWebJobsStorage__credential).toBe('managedidentity');
    expect(JSON.stringify(main)).not.toMatch(/listKeys|AccountKey=|DefaultEndpointsProtocol/);
  });

  it("defaults the Entra tenant to the subscription's and the audience to the client id and its api:// URI", () => {
    expect(main.variables.tenantId).toBe(
      "[if(not(empty(parameters('entraTenantId'))), parameters('entraTenantId'), tenant().tenantId)]",
    );
    expect(main.variables.audience).toBe(
      "[if(not(empty(parameters('entraAudience'))), parameters('entraAudience'), format('{0},api://{0}', parameters('entraClientId')))]",
    );
    expect(main.parameters.entraScope.defaultValue).toBe('access_as_user');
  });

  it('outputs the pane URL, API URL and the other values the azd hooks read', () => {
    const outputs = main.outputs as Record<string, { type: string; value: string }>;
    for (const name of ['QMS_PANE_URL', 'QMS_API_URL', 'QMS_ENTRA_CLIENT_ID', 'QMS_API_SCOPE', 'AZURE_TENANT_ID']) {
      expect(outputs[name]?.type, name).toBe('string');
    }
    expect(outputs.QMS_PANE_URL?.value).toContain('.outputs.paneOrigin.value');
    expect(outputs.QMS_API_URL?.value).toContain('.outputs.apiUrl.value');
    const innerOutputs = nested?.properties.template.outputs;
    expect(innerOutputs.paneOrigin.value).toBe(PANE_ORIGIN);
    expect(innerOutputs.apiUrl.value).toBe(
      "[format('https://{0}/api', reference(variables('siteId'), '2024-04-01').defaultHostName)]",
    );
    // Every value build-pane.mjs requires is an output, so `azd provision` alone sets it.
    const hook = readFileSync(join(root, 'scripts', 'azd', 'build-pane.mjs'), 'utf8');
    const needed = [...hook.matchAll(/required\('(\w+)'\)/g)].map((m) => m[1] as string);
    expect(needed.length).toBeGreaterThan(3);
    expect(needed.filter((name) => !(name in outputs))).toEqual([]);
  });
});

describe('infra/main.json in step with infra/main.bicep', () => {
  it('has every parameter main.bicep declares, with the same defaults where they are literals', () => {
    const params = declared('main.bicep', 'param');
    expect(params.length).toBeGreaterThan(5);
    expect(Object.keys(main.parameters).sort()).toEqual([...params].sort());
    for (const [, name, literal] of (bicep['main.bicep'] ?? '').matchAll(/^param (\w+) string = '([^']*)'$/gm)) {
      expect(main.parameters[name as string].defaultValue, name).toBe(literal);
    }
  });

  it('has every output main.bicep declares', () => {
    const outputs = declared('main.bicep', 'output');
    expect(outputs).toContain('QMS_PANE_URL');
    expect(Object.keys(main.outputs).sort()).toEqual([...outputs].sort());
  });

  it('creates every resource type the Bicep files declare or get from an Azure Verified Module', () => {
    const types = new Set<string>();
    for (const text of Object.values(bicep)) {
      for (const m of text.matchAll(/^resource \w+ '([^@']+)@[^']+'( existing)?/gm)) {
        if (m[2] === undefined) types.add(m[1] as string);
      }
      for (const m of text.matchAll(/^module \w+ 'br\/public:(avm\/[^:]+):[^']+'/gm)) {
        const type = AVM_TYPES[m[1] as string];
        expect(type, `map ${m[1]} to the resource type it creates`).toBeDefined();
        types.add(type as string);
      }
    }
    expect(types.size).toBeGreaterThan(6);
    const armTypes = new Set([...(main.resources as ArmResource[]), ...inner].map((r) => r.type));
    expect([...types].filter((t) => !armTypes.has(t))).toEqual([]);
  });

  it('uses the same role GUIDs, app settings, runtime and storage SKU as the Bicep files', () => {
    const json = JSON.stringify(main);
    for (const guid of Object.values(ROLE)) expect(bicep['app/rbac.bicep']).toContain(guid);
    const hostBlock = /^var hostSettings = \{\n([\s\S]*?)^\}/m.exec(bicep['app/api.bicep'] ?? '')?.[1] ?? '';
    const bicepSettings = [
      ...(bicep['main.bicep'] ?? '').matchAll(/^ {6}(QMS_\w+|AZURE_CLIENT_ID):/gm),
      ...hostBlock.matchAll(/^ {2}(\w+): /gm),
    ].map((m) => m[1] as string);
    expect(bicepSettings).toEqual(expect.arrayContaining(['QMS_STORAGE', 'AZURE_CLIENT_ID', 'QMS_CORS_ORIGINS']));
    expect(bicepSettings.filter((s) => !(s in appSettings()))).toEqual([]);
    expect(Object.keys(appSettings()).filter((s) => !bicepSettings.includes(s))).toEqual([]);
    expect(bicep['main.bicep']).toMatch(/runtimeName: 'node'\n\s+runtimeVersion: '22'/);
    expect(bicep['main.bicep']).toContain('allowSharedKeyAccess: false');
    expect(bicep['main.bicep']).toContain('disableLocalAuth: true');
    expect(bicep['main.bicep']).toContain("skuName: 'Standard_GRS'");
    expect(one('Microsoft.Storage/storageAccounts').sku?.name).toBe('Standard_GRS');
    expect(json).toContain('"allowedOrigins":["' + PANE_ORIGIN.replaceAll("'", "'") + '"]');
    expect(bicep['app/api.bicep']).toContain('allowedOrigins: [paneOrigin]');
  });

  it('maps every parameter in main.parameters.json to one main.bicep declares', () => {
    const file = JSON.parse(read('main.parameters.json'));
    const names = Object.keys(file.parameters);
    expect(names.filter((n) => !(n in main.parameters))).toEqual([]);
    // Parameters without a default must come from the azd environment.
    const required = Object.entries(main.parameters as Record<string, { defaultValue?: unknown }>)
      .filter(([, p]) => p.defaultValue === undefined)
      .map(([n]) => n);
    expect(required.filter((n) => !names.includes(n))).toEqual([]);
  });
});

interface AzdHook {
  run: string;
}
interface AzdService {
  project: string;
  hooks: { prerestore: { posix: AzdHook; windows: AzdHook } };
}

describe('azure.yaml', () => {
  const azure = parseYaml(readFileSync(join(root, 'azure.yaml'), 'utf8'));
  const services = (): [string, AzdService][] => Object.entries<AzdService>(azure.services);

  it('deploys the API as a Function app and the pane as a Static Web App, from folders that exist', () => {
    expect(azure.services.api).toMatchObject({ host: 'function', project: './deploy/api' });
    expect(azure.services.pane).toMatchObject({ host: 'staticwebapp', project: './deploy/pane', dist: 'dist' });
    for (const [, service] of services()) {
      expect(existsSync(join(root, service.project)), service.project).toBe(true);
    }
    // The Bicep tags tell azd which resource each service deploys to.
    expect(bicep['app/api.bicep']).toContain("'azd-service-name': serviceName");
    expect(bicep['app/pane.bicep']).toContain("'azd-service-name': 'pane'");
  });

  it('provisions before packaging, so the pane is built against the provisioned API URL', () => {
    expect(azure.workflows.up.steps).toEqual([{ azd: 'provision' }, { azd: 'deploy --all' }]);
  });

  it('runs hook scripts that exist, the same on posix and windows', () => {
    for (const [name, service] of services()) {
      const hook = service.hooks.prerestore;
      expect(hook.posix.run, name).toBe(hook.windows.run);
      const script = /^node (\S+)$/.exec(hook.posix.run)?.[1] ?? '';
      // Service hooks run in the service's project folder.
      expect(existsSync(join(root, service.project, script)), `${name}: ${script}`).toBe(true);
    }
  });
});
