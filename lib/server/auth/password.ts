/**
 * Password hashing with argon2id (OWASP's first choice) through @node-rs/argon2, whose defaults
 * (19 MiB, 2 iterations, 1 lane) are OWASP's recommended minimum.
 */
import { hash, verify } from "@node-rs/argon2";

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * A fixed hash to verify against when the account does not exist, so that a wrong e-mail
 * takes as long as a wrong password and does not reveal which accounts exist.
 */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hash("claimdesk-no-such-user");
  return dummyHash;
}
