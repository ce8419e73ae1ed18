/**
 * `fetch` for a box service's own clients (audit, and whoever else is given the box CA
 * explicitly). Inside a box container the CA comes from NODE_EXTRA_CA_CERTS and plain `fetch`
 * already trusts it; a process that made or was handed the CA at run time (the container
 * manager, tests) passes it as `ca`: that fetch then trusts the box CA only (a box service's
 * own clients talk to box services only), and nothing global changes. Node's fetch is undici;
 * its `dispatcher` takes an undici Agent (the same major version as the one Node bundles).
 */
import { Agent } from 'undici';

/**
 * @example
 * const fetchBox = fetchTrusting(readFileSync('/var/lib/databox/pki/ca/cert.pem', 'utf8'));
 * await fetchBox('https://audit:8080/events', { method: 'POST', ... });
 */
export function fetchTrusting(ca: string | undefined): typeof fetch {
  if (ca === undefined) return fetch;
  const dispatcher = new Agent({ connect: { ca } });
  return (input, init) => {
    const withCa: RequestInit & { dispatcher: Agent } = { ...init, dispatcher };
    return fetch(input, withCa);
  };
}
