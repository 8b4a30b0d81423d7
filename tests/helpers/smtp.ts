/**
 * A real SMTP server on loopback (the `smtp-server` package) that keeps what it receives,
 * parsed with `mailparser`: the stand-in for the outside mail server, steered by the test.
 * `policy` decides each incoming message's fate: accepted, refused with an SMTP code (451: try
 * later, 550: never), or held (never answered, as a server that stalls mid-transaction).
 */
import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export type SmtpVerdict = "accept" | "hold" | { code: number; message: string };

export interface ReceivedMail {
  parsed: ParsedMail;
  messageId: string;
  to: string;
  raw: string;
}

export interface TestSmtp {
  url: string;
  port: number;
  received: ReceivedMail[];
  /** How many DATA commands arrived (accepted, refused or held). */
  attempts(): number;
  /** Decides the next messages: `(n) => …`, n counting every DATA command from 1. */
  policy: (n: number) => SmtpVerdict;
  /** Resolves once `count` messages were accepted (or rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  /** Resolves once a DATA command is being held. */
  waitForHeld(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startTestSmtp(port = 0): Promise<TestSmtp> {
  let dataCommands = 0;
  let onChange = () => {};
  const state: TestSmtp = {
    url: "",
    port: 0,
    received: [],
    attempts: () => dataCommands,
    policy: () => "accept",
    waitFor: (count, timeoutMs = 15_000) => until(() => state.received.length >= count, timeoutMs),
    waitForHeld: (timeoutMs = 15_000) => until(() => held > 0, timeoutMs),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  let held = 0;
  const until = (test: () => boolean, timeoutMs: number) =>
    new Promise<void>((resolve, reject) => {
      if (test()) return resolve();
      const timer = setTimeout(() => reject(new Error("timed out waiting for e-mail")), timeoutMs);
      const previous = onChange;
      onChange = () => {
        previous();
        if (test()) {
          clearTimeout(timer);
          resolve();
        }
      };
    });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, _session, callback) {
      dataCommands++;
      const verdict = state.policy(dataCommands);
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", async () => {
        if (verdict === "hold") {
          held++;
          onChange();
          return; // never answered: the client waits until it is killed or times out
        }
        if (verdict !== "accept") {
          const err = Object.assign(new Error(verdict.message), { responseCode: verdict.code });
          callback(err);
          onChange();
          return;
        }
        const raw = Buffer.concat(chunks).toString("utf8");
        const parsed = await simpleParser(raw);
        const to = Array.isArray(parsed.to) ? parsed.to[0] : parsed.to;
        state.received.push({
          parsed,
          raw,
          messageId: parsed.messageId ?? "",
          to: to?.value[0]?.address ?? "",
        });
        callback();
        onChange();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  // biome-ignore lint/suspicious/noExplicitAny: smtp-server's types do not expose its net.Server
  const address = (server as any).server.address() as AddressInfo;
  state.port = address.port;
  state.url = `smtp://127.0.0.1:${address.port}`;
  return state;
}

/** A header of the message as sent (unfolded), e.g. "List-Unsubscribe"; null when absent. */
export function rawHeader(mail: ReceivedMail, name: string): string | null {
  const head = mail.raw.split(/\r?\n\r?\n/)[0]?.replace(/\r?\n[ \t]+/g, " ") ?? "";
  const line = head
    .split(/\r?\n/)
    .find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? line.slice(name.length + 1).trim() : null;
}
