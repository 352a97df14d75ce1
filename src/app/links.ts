/**
 * Share links: `?preset=<id>` or `?s=<version>.<base64url of the deflated scenario JSON>`, plus
 * `&seed=N` and `&t=<ms>` (open paused at that simulated time). The scenario is compressed with
 * the browser's CompressionStream (deflate-raw), so links stay short without a library.
 */

/** Version of the `s=` encoding. */
export const LINK_VERSION = 1;

/** A problem with a link, naming the parameter. */
export class LinkError extends Error {
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(`link: ${param}: ${message}`);
    this.name = 'LinkError';
  }
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Encodes a scenario (as JSON) for `?s=`. */
export async function encodeScenario(scenario: unknown): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(scenario));
  return `${LINK_VERSION}.${toBase64Url(await pipe(bytes, new CompressionStream('deflate-raw')))}`;
}

/** Decodes `?s=` back to the scenario's JSON value; throws LinkError saying what is wrong. */
export async function decodeScenario(param: string): Promise<unknown> {
  const dot = param.indexOf('.');
  const version = dot > 0 ? param.slice(0, dot) : '';
  if (!/^\d+$/.test(version)) throw new LinkError('s', `expected "<version>.<data>", got ${JSON.stringify(param.slice(0, 20))}…`);
  if (Number(version) !== LINK_VERSION) {
    throw new LinkError('s', `this link uses encoding version ${version}; this build reads version ${LINK_VERSION}`);
  }
  let bytes: Uint8Array;
  try {
    bytes = fromBase64Url(param.slice(dot + 1));
  } catch {
    throw new LinkError('s', 'the scenario data is damaged (not base64url); was the link cut short?');
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await pipe(bytes, new DecompressionStream('deflate-raw')));
  } catch {
    throw new LinkError('s', 'the scenario data is damaged (it does not decompress); was the link cut short?');
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new LinkError('s', `the scenario is not valid JSON (${(err as Error).message})`);
  }
}

export interface LinkParams {
  preset?: string;
  s?: string;
  seed?: number;
  t?: number;
  /** Problems with individual parameters; the rest of the link still applies. */
  problems: LinkError[];
}

/** Reads the link parameters from a query string. */
export function parseLinkParams(search: string): LinkParams {
  const q = new URLSearchParams(search);
  const out: LinkParams = { problems: [] };
  const preset = q.get('preset');
  if (preset !== null) out.preset = preset;
  const s = q.get('s');
  if (s !== null) out.s = s;
  const seed = q.get('seed');
  if (seed !== null) {
    if (/^\d+$/.test(seed) && Number(seed) <= 4_294_967_295) out.seed = Number(seed);
    else out.problems.push(new LinkError('seed', `expected a whole number from 0 to 4294967295, got ${JSON.stringify(seed)}`));
  }
  const t = q.get('t');
  if (t !== null) {
    if (/^\d+(\.\d+)?$/.test(t)) out.t = Number(t);
    else out.problems.push(new LinkError('t', `expected a simulated time in ms (a number ≥ 0), got ${JSON.stringify(t)}`));
  }
  if (out.preset !== undefined && out.s !== undefined) {
    out.problems.push(new LinkError('preset', 'a link carries either preset= or s=, not both; using s='));
    delete out.preset;
  }
  return out;
}

/** Builds a query string for a preset or an encoded scenario. */
export function buildQuery(p: { preset?: string; s?: string; seed?: number; t?: number }): string {
  const q = new URLSearchParams();
  if (p.preset) q.set('preset', p.preset);
  if (p.s) q.set('s', p.s);
  if (p.seed !== undefined) q.set('seed', String(p.seed));
  if (p.t !== undefined) q.set('t', String(Math.round(p.t)));
  return `?${q.toString()}`;
}
