import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createNoteSigner,
  formatAddCheckpoint,
  generateNoteKeys,
  MerkleTree,
  signCheckpoint,
  utf8,
  verifyCosignature,
  type NoteSigner,
} from '@oversing/verifier';
import { RunningApi, startApi } from './support/api-harness';

const ORIGIN = `test.oversing.dev/witness-spec/${Date.now().toString(36)}`;
let api: RunningApi;
let signer: NoteSigner;
let witnessKey: string;
const tree = new MerkleTree();

function checkpointAt(size: number, by: NoteSigner = signer, root = tree.root(size)): Promise<string> {
  return signCheckpoint({ origin: ORIGIN, size, rootHash: root }, by);
}

async function addCheckpoint(body: string): Promise<{ status: number; type: string | null; text: string }> {
  const response = await fetch(`${api.url}/api/v1/witness/add-checkpoint`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain' },
    body,
  });
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

beforeAll(async () => {
  const keys = await generateNoteKeys(ORIGIN);
  signer = await createNoteSigner(keys.signerKey);
  api = await startApi({ WITNESS_LOG_KEYS: keys.verifierKey });
  witnessKey = (await (await fetch(`${api.url}/api/v1/witness/key`)).text()).trim();
  for (let i = 0; i < 8; i++) tree.append(await leaf(i));
});

async function leaf(i: number): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', utf8(`leaf ${i}`)));
}

afterAll(async () => {
  await api?.close();
});

describe('the API as a c2sp.org/tlog-witness', () => {
  it('cosigns a first checkpoint, then only checkpoints consistent with it', async () => {
    const first = await checkpointAt(3);
    const ok = await addCheckpoint(formatAddCheckpoint({ oldSize: 0, proof: [], checkpoint: first }));
    expect(ok.status).toBe(200);
    const cosigned = await verifyCosignature(`${first}${ok.text}`, witnessKey);
    expect(cosigned.checkpoint.size).toBe(3);
    expect(Math.abs(cosigned.timestamp - Date.now() / 1000)).toBeLessThan(120);

    // a stale old size: 409 with the witness's size as text/x.tlog.size
    const stale = await addCheckpoint(
      formatAddCheckpoint({ oldSize: 0, proof: [], checkpoint: await checkpointAt(5) }),
    );
    expect(stale.status).toBe(409);
    expect(stale.type).toMatch(/^text\/x\.tlog\.size/);
    expect(stale.text).toBe('3\n');

    // an inconsistent tree (a rewritten history) is refused: 422
    const forked = new MerkleTree();
    for (let i = 0; i < 5; i++) forked.append(await leaf(i === 1 ? 99 : i));
    const forkedNote = await checkpointAt(5, signer, forked.root(5));
    const refused = await addCheckpoint(
      formatAddCheckpoint({ oldSize: 3, proof: forked.consistencyProof(3, 5), checkpoint: forkedNote }),
    );
    expect(refused.status).toBe(422);

    // the same size with another root: 409
    const sameSize = await addCheckpoint(
      formatAddCheckpoint({
        oldSize: 3,
        proof: [],
        checkpoint: await checkpointAt(3, signer, forked.root(3)),
      }),
    );
    expect(sameSize.status).toBe(409);

    // a consistent extension is cosigned, and served as the latest witnessed checkpoint
    const next = await checkpointAt(5);
    const extended = await addCheckpoint(
      formatAddCheckpoint({ oldSize: 3, proof: tree.consistencyProof(3, 5), checkpoint: next }),
    );
    expect(extended.status).toBe(200);
    const latest = await (
      await fetch(`${api.url}/api/v1/witness/checkpoint?origin=${encodeURIComponent(ORIGIN)}`)
    ).text();
    expect((await verifyCosignature(latest, witnessKey)).checkpoint.size).toBe(5);
  });

  it('refuses checkpoints not signed by the log key (403) and unknown logs (404)', async () => {
    const other = await createNoteSigner((await generateNoteKeys(ORIGIN)).signerKey);
    const forged = await addCheckpoint(
      formatAddCheckpoint({
        oldSize: 5,
        proof: tree.consistencyProof(5, 8),
        checkpoint: await checkpointAt(8, other),
      }),
    );
    expect(forged.status).toBe(403);
    const unknownSigner = await createNoteSigner((await generateNoteKeys('example.com/unknown')).signerKey);
    const unknown = await addCheckpoint(
      formatAddCheckpoint({
        oldSize: 0,
        proof: [],
        checkpoint: await signCheckpoint(
          { origin: 'example.com/unknown', size: 1, rootHash: tree.root(1) },
          unknownSigner,
        ),
      }),
    );
    expect(unknown.status).toBe(404);
    expect((await addCheckpoint('not a request')).status).toBe(400);
  });
});
