import { v7 as uuidv7 } from 'uuid';

/** Client-generated UUIDv7 (architecture.md); its time part is never used to decide anything. */
export function newId(): string {
  return uuidv7();
}

export function nowIso(): string {
  return new Date().toISOString();
}
