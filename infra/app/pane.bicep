// The task pane's static site: Azure Static Web Apps, Free plan (docs/deploy.md says why not a storage website).
param name string
param location string
param tags object = {}

module site 'br/public:avm/res/web/static-site:0.9.3' = {
  name: 'pane-static-site'
  params: {
    name: name
    location: location
    tags: union(tags, { 'azd-service-name': 'pane' })
    sku: 'Free'
    stagingEnvironmentPolicy: 'Disabled'
    allowConfigFileUpdates: true
  }
}

output name string = site.outputs.name
// The one origin the API answers CORS for and the production manifest points at.
output origin string = 'https://${site.outputs.defaultHostname}'
