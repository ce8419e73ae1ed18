/**
 * Whether Chromium dropped a part of the page (its document, a script or a stylesheet) because
 * an interface of this machine came or went (`net::ERR_NETWORK_CHANGED`): the tests' Docker
 * containers and networks do that beside it. A page that lost a part that way never finishes
 * loading (Node-RED's editor stays at "Loading Plugins", an app page never connects); a person
 * would reload it. See test/README.md.
 */
import type { Page, Request } from 'playwright-core';

export function lostToNetworkChange(page: Page, request: Request): boolean {
  return (request.failure()?.errorText ?? '').includes('ERR_NETWORK_CHANGED')
    && request.frame() === page.mainFrame()
    && ['document', 'script', 'stylesheet'].includes(request.resourceType());
}
