/**
 * C2SP signed notes (https://c2sp.org/signed-note): a text ending in a newline, a blank line, then one or
 * more signature lines `— <key name> <base64(4-byte big-endian key ID || signature)>` (em dash U+2014).
 * Signatures cover the note text including its final newline but not the blank line.
 *
 * Verification follows the spec's rules: signatures from unknown keys (name and ID not both matching a
 * trusted key) are ignored; a signature from a known key that fails rejects the whole note; a note with no
 * verified signature from a known key is rejected.
 */
import { concatBytes, fromBase64, hasControlCharacter, hasLoneSurrogate, toBase64, utf8 } from './encoding';
import type { NoteSigner, NoteVerifier } from './note-key';
import { isValidKeyName } from './note-key';

/** Verifiers must accept at least 16 signatures; beyond this many the note is refused. */
export const MAX_NOTE_SIGNATURES = 100;

const EM_DASH = '\u2014';

/** One signature line of a note. */
export interface NoteSignature {
  name: string;
  keyId: number;
  /** The signature bytes, without the key ID prefix. */
  signature: Uint8Array;
}

/** A note split into its text and its signature lines (not yet verified). */
export interface SignedNote {
  /** The signed text, including its final newline. */
  text: string;
  signatures: NoteSignature[];
}

/** A note whose signatures were checked: the text and the names of the trusted keys that signed it. */
export interface OpenedNote {
  text: string;
  verifiedBy: string[];
}

/** Raised when a note is malformed or fails verification. */
export class NoteError extends Error {
  override name = 'NoteError';
}

/** Splits a signed note into text and signatures, checking the format strictly. */
export function parseSignedNote(note: string): SignedNote {
  assertNoteCharacters(note);
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new NoteError('malformed note: no blank line before the signatures');
  const text = note.slice(0, split + 1);
  const block = note.slice(split + 2);
  if (!block.endsWith('\n')) throw new NoteError('malformed note: signatures must end with a newline');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES) throw new NoteError('note has too many signatures');
  return { text, signatures: lines.map(parseSignatureLine) };
}

/** Formats a note from its text and signatures. */
export function formatSignedNote(note: SignedNote): string {
  assertNoteText(note.text);
  if (note.signatures.length === 0) throw new NoteError('a signed note needs at least one signature');
  const lines = note.signatures.map((s) => {
    if (!isValidKeyName(s.name)) throw new NoteError(`invalid key name ${JSON.stringify(s.name)}`);
    const prefix = new Uint8Array(4);
    new DataView(prefix.buffer).setUint32(0, s.keyId, false);
    return `${EM_DASH} ${s.name} ${toBase64(concatBytes(prefix, s.signature))}\n`;
  });
  return `${note.text}\n${lines.join('')}`;
}

/** Signs a note text with one or more signers and returns the signed note. */
export async function signNote(text: string, signers: NoteSigner | readonly NoteSigner[]): Promise<string> {
  assertNoteText(text);
  const list = Array.isArray(signers) ? signers : [signers as NoteSigner];
  const message = utf8(text);
  const signatures = await Promise.all(
    list.map(async (s) => ({ name: s.name, keyId: s.keyId, signature: await s.sign(message) })),
  );
  return formatSignedNote({ text, signatures });
}

/**
 * Verifies a signed note against trusted verifiers and returns its text. Throws NoteError when the note is
 * malformed, when a signature from a trusted key is invalid, or when no trusted key signed it.
 */
export async function openNote(
  note: string,
  verifiers: NoteVerifier | readonly NoteVerifier[],
): Promise<OpenedNote> {
  const { text, signatures } = parseSignedNote(note);
  const trusted = Array.isArray(verifiers) ? verifiers : [verifiers as NoteVerifier];
  const message = utf8(text);
  const verifiedBy: string[] = [];
  for (const sig of signatures) {
    const verifier = trusted.find((v) => v.name === sig.name && v.keyId === sig.keyId);
    if (!verifier) continue;
    if (!(await verifier.verify(message, sig.signature))) {
      throw new NoteError(`invalid signature by trusted key ${sig.name}`);
    }
    if (!verifiedBy.includes(sig.name)) verifiedBy.push(sig.name);
  }
  if (verifiedBy.length === 0) {
    const names = trusted.map((v) => v.name).join(', ');
    throw new NoteError(`note is not signed by any trusted key (${names})`);
  }
  return { text, verifiedBy };
}

function parseSignatureLine(line: string): NoteSignature {
  const prefix = `${EM_DASH} `;
  if (!line.startsWith(prefix)) throw new NoteError('malformed note: signature line must start with "— "');
  const rest = line.slice(prefix.length);
  const space = rest.lastIndexOf(' ');
  const name = rest.slice(0, space);
  if (space < 0 || !isValidKeyName(name)) throw new NoteError('malformed note: bad signature key name');
  let bytes: Uint8Array;
  try {
    bytes = fromBase64(rest.slice(space + 1));
  } catch {
    throw new NoteError('malformed note: signature is not valid base64');
  }
  if (bytes.length < 5) throw new NoteError('malformed note: signature too short');
  const keyId = new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, false);
  return { name, keyId, signature: bytes.slice(4) };
}

function assertNoteText(text: string): void {
  assertNoteCharacters(text);
  if (text.length === 0 || !text.endsWith('\n')) throw new NoteError('note text must end with a newline');
}

function assertNoteCharacters(value: string): void {
  // Signed notes must be valid UTF-8 with no ASCII control characters other than newline.
  if (hasControlCharacter(value, true)) throw new NoteError('note contains a control character');
  if (hasLoneSurrogate(value)) throw new NoteError('note is not valid Unicode text');
}
