// One `azd up`: the QMS Readiness API on a Flex Consumption Function app, its Table Storage, telemetry and the
// task pane's static site. Structure follows Azure-Samples/functions-quickstart-typescript-azd (same modules,
// names and role assignments); main.json beside this file is its hand-kept ARM equivalent (docs/deploy.md says why).
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the environment, used to generate a short unique hash used in all resources.')
param environmentName string

@minLength(1)
@description('Primary location for all resources and the Flex Consumption Function app.')
@allowed([
  'australiaeast'
  'australiasoutheast'
  'brazilsouth'
  'canadacentral'
  'centralindia'
  'centralus'
  'eastasia'
  'eastus'
  'eastus2'
  'francecentral'
  'germanywestcentral'
  'italynorth'
  'japaneast'
  'koreacentral'
  'northcentralus'
  'northeurope'
  'norwayeast'
  'southafricanorth'
  'southcentralus'
  'southeastasia'
  'southindia'
  'spaincentral'
  'swedencentral'
  'uaenorth'
  'uksouth'
  'ukwest'
  'westcentralus'
  'westeurope'
  'westus'
  'westus2'
  'westus3'
])
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Static Web Apps runs in fewer regions than Functions; the pane is static files served worldwide.')
@allowed([
  'centralus'
  'eastasia'
  'eastus2'
  'westeurope'
  'westus2'
])
param paneLocation string = 'westeurope'

@description('Object id of the user running azd, given the same data roles as the app (for Storage Explorer and debugging). Leave empty for none.')
param principalId string = deployer().objectId

@minLength(1)
@description('Application (client) id of the Entra ID app registration the pane signs in with (docs/deploy.md).')
param entraClientId string

@description('Directory (tenant) id whose tokens the API accepts; empty means the tenant of this subscription.')
param entraTenantId string = ''

@description('Token audiences the API accepts (comma-separated); empty means the client id and api://<client id>.')
param entraAudience string = ''

@description('Delegated scope every API token must carry.')
param entraScope string = 'access_as_user'

var abbrs = loadJsonContent('./abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var functionAppName = '${abbrs.webSitesFunctions}api-${resourceToken}'
var deploymentStorageContainerName = 'app-package-${take(functionAppName, 32)}-${take(toLower(uniqueString(functionAppName, resourceToken)), 7)}'
var tenantId = !empty(entraTenantId) ? entraTenantId : tenant().tenantId
var audience = !empty(entraAudience) ? entraAudience : '${entraClientId},api://${entraClientId}'

resource rg 'Microsoft.Resources/resourceGroups@2021-04-01' = {
  name: '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

// The identity the Function app reaches storage and Application Insights with; no keys or connection strings.
module apiUserAssignedIdentity 'br/public:avm/res/managed-identity/user-assigned-identity:0.4.1' = {
  name: 'apiUserAssignedIdentity'
  scope: rg
  params: {
    location: location
    tags: tags
    name: '${abbrs.managedIdentityUserAssignedIdentities}api-${resourceToken}'
  }
}

module appServicePlan 'br/public:avm/res/web/serverfarm:0.1.1' = {
  name: 'appserviceplan'
  scope: rg
  params: {
    name: '${abbrs.webServerFarms}${resourceToken}'
    sku: {
      name: 'FC1'
      tier: 'FlexConsumption'
    }
    reserved: true
    location: location
    tags: tags
  }
}

// Holds the app's tables (created by the app at start-up) and the deployment package container.
module storage 'br/public:avm/res/storage/storage-account:0.8.3' = {
  name: 'storage'
  scope: rg
  params: {
    name: '${abbrs.storageStorageAccounts}${resourceToken}'
    skuName: 'Standard_GRS' // the module's default, written out: records are kept in a second region
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false // Entra ID only: connection strings and account keys stop working
    dnsEndpointType: 'Standard'
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
    blobServices: {
      containers: [{ name: deploymentStorageContainerName }]
    }
    minimumTlsVersion: 'TLS1_2'
    location: location
    tags: tags
  }
}

module logAnalytics 'br/public:avm/res/operational-insights/workspace:0.11.1' = {
  name: '${uniqueString(deployment().name, location)}-loganalytics'
  scope: rg
  params: {
    name: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    location: location
    tags: tags
    dataRetention: 30
  }
}

module monitoring 'br/public:avm/res/insights/component:0.6.0' = {
  name: '${uniqueString(deployment().name, location)}-appinsights'
  scope: rg
  params: {
    name: '${abbrs.insightsComponents}${resourceToken}'
    location: location
    tags: tags
    workspaceResourceId: logAnalytics.outputs.resourceId
    disableLocalAuth: true // telemetry is sent with the managed identity (Monitoring Metrics Publisher)
  }
}

module pane './app/pane.bicep' = {
  name: 'pane'
  scope: rg
  params: {
    name: '${abbrs.webStaticSites}pane-${resourceToken}'
    location: paneLocation
    tags: tags
  }
}

module api './app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: functionAppName
    location: location
    tags: tags
    applicationInsightsName: monitoring.outputs.name
    appServicePlanId: appServicePlan.outputs.resourceId
    runtimeName: 'node'
    runtimeVersion: '22'
    storageAccountName: storage.outputs.name
    deploymentStorageContainerName: deploymentStorageContainerName
    identityId: apiUserAssignedIdentity.outputs.resourceId
    identityClientId: apiUserAssignedIdentity.outputs.clientId
    paneOrigin: pane.outputs.origin
    appSettings: {
      // The table endpoint, not a connection string: the app signs in with AZURE_CLIENT_ID's identity.
      QMS_STORAGE: 'https://${storage.outputs.name}.table.${environment().suffixes.storage}'
      AZURE_CLIENT_ID: apiUserAssignedIdentity.outputs.clientId
      QMS_AUTH_MODE: 'entra'
      QMS_ENTRA_TENANT_ID: tenantId
      QMS_ENTRA_AUDIENCE: audience
      QMS_ENTRA_SCOPE: entraScope
      QMS_CORS_ORIGINS: pane.outputs.origin
    }
  }
}

module rbac './app/rbac.bicep' = {
  name: 'rbacAssignments'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    appInsightsName: monitoring.outputs.name
    managedIdentityPrincipalId: apiUserAssignedIdentity.outputs.principalId
    userIdentityPrincipalId: principalId
  }
}

// Read by azd and by the hooks in azure.yaml (scripts/azd/build-pane.mjs) after provisioning.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_FUNCTION_NAME string = api.outputs.SERVICE_API_NAME
output SERVICE_API_NAME string = api.outputs.SERVICE_API_NAME
output SERVICE_PANE_NAME string = pane.outputs.name
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.connectionString
output QMS_API_URL string = api.outputs.apiUrl
output QMS_PANE_URL string = pane.outputs.origin
output QMS_ENTRA_CLIENT_ID string = entraClientId
output QMS_API_SCOPE string = 'api://${entraClientId}/${entraScope}'
