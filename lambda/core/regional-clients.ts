import { sdkConfig } from './sdk-config';

/**
 * One SDK client per Region, built on first use, with the core's settings: for a handler that calls another Region
 * than its own (an instance's replica Region, a traffic distribution group's home Region).
 */
export function perRegion<C>(make: (config: ReturnType<typeof sdkConfig> & { region: string }) => C): (region: string) => C {
  const clients = new Map<string, C>();
  return (region) => {
    let client = clients.get(region);
    if (!client) clients.set(region, client = make({ ...sdkConfig(), region }));
    return client;
  };
}
