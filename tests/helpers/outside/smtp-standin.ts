/**
 * The stand-in mail server for the end-to-end suite: a real SMTP server on loopback
 * (tests/helpers/smtp.ts) that accepts every message, with an HTTP control endpoint listing what
 * it received. Run as a program: `node --import tsx tests/helpers/outside/smtp-standin.ts
 * SMTP_PORT HTTP_PORT`; `GET /messages` answers `[{ messageId, to, subject, text, html,
 * headers }]` in arrival order.
 */
import http from "node:http";
import { rawHeader, startTestSmtp } from "../smtp";

const [smtpPort, httpPort] = process.argv.slice(2).map(Number);
if (!smtpPort || !httpPort) {
  console.error("usage: smtp-standin.ts SMTP_PORT HTTP_PORT");
  process.exit(2);
}

const smtp = await startTestSmtp(smtpPort);
const server = http.createServer((req, res) => {
  if (req.method === "GET" && req.url === "/messages") {
    const list = smtp.received.map((m) => ({
      messageId: m.messageId,
      to: m.to,
      subject: m.parsed.subject ?? "",
      text: m.parsed.text ?? "",
      html: typeof m.parsed.html === "string" ? m.parsed.html : "",
      headers: {
        inReplyTo: m.parsed.inReplyTo ?? null,
        listUnsubscribe: rawHeader(m, "List-Unsubscribe"),
        listUnsubscribePost: rawHeader(m, "List-Unsubscribe-Post"),
      },
    }));
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(list));
    return;
  }
  res.writeHead(404).end();
});
server.listen(httpPort, "127.0.0.1", () => {
  console.log(
    `SMTP stand-in: smtp://127.0.0.1:${smtpPort}, messages at http://127.0.0.1:${httpPort}/messages`,
  );
});
