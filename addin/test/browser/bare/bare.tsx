// The benchmark's reference point (docs/architecture.md, Budgets): React 19 + Fluent v9 with about ten components and no app code.
import {
  Badge,
  Button,
  Card,
  Checkbox,
  FluentProvider,
  Input,
  Tab,
  TabList,
  Text,
  ToggleButton,
  webLightTheme,
} from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';

function Bare() {
  return (
    <FluentProvider theme={webLightTheme}>
      <Text as="h1">Bare page</Text>
      <TabList defaultSelectedValue="a">
        <Tab value="a">A</Tab>
        <Tab value="b">B</Tab>
      </TabList>
      <Card>
        <Input aria-label="Field" />
        <Checkbox label="Tick" />
        <ToggleButton>Toggle</ToggleButton>
        <Badge>1</Badge>
        <Button appearance="primary">Insert Starter set (all templates)</Button>
      </Card>
    </FluentProvider>
  );
}

const root = document.getElementById('root');
if (root) createRoot(root).render(<Bare />);
