import { describe, expect, it } from "vitest";
import { composeEmail, type EmailItem } from "./message";
import { signUnsubscribeToken, verifyUnsubscribeToken } from "./unsubscribe-token";

const SECRET = "a-secret-of-at-least-thirty-two-characters";
const USER = "0b6f3c1e-2f4a-4b8e-9a1d-5c7e8f9a0b1c";
const now = new Date("2026-12-03T12:00:00Z");

describe("unsubscribe tokens", () => {
  it("verifies what it signed, and refuses a changed, foreign-keyed or expired token", () => {
    const token = signUnsubscribeToken(SECRET, { userId: USER, kinds: ["reply", "assigned"] }, now);
    expect(verifyUnsubscribeToken(SECRET, token, now)).toEqual({
      ok: true,
      userId: USER,
      kinds: ["assigned", "reply"],
    });
    expect(verifyUnsubscribeToken(SECRET, token.replace("assigned+", ""), now)).toEqual({
      ok: false,
      reason: "signature",
    });
    expect(verifyUnsubscribeToken(`${SECRET}!`, token, now)).toMatchObject({ reason: "signature" });
    expect(verifyUnsubscribeToken(SECRET, token.replace("reply", "nonsense"), now)).toMatchObject({
      reason: "malformed",
    });
    expect(verifyUnsubscribeToken(SECRET, "x.y", now)).toMatchObject({ reason: "malformed" });
    const nextYear = new Date(now.getTime() + 366 * 86_400_000);
    expect(verifyUnsubscribeToken(SECRET, token, nextYear)).toMatchObject({ reason: "expired" });
  });
});

describe("composeEmail", () => {
  const item: EmailItem = {
    kind: "mentioned",
    summary: `Ada mentioned you: <script>alert("x")</script>`,
    createdAt: now,
    articleId: "a1",
    articleTitle: `Tom & Jerry's "study"`,
    articleSlug: "tom-jerry",
    claimId: "c1",
    claimNumber: 3,
  };
  const links = {
    baseUrl: "https://desk.example.org",
    unsubscribePage: (k: string[]) => `https://desk.example.org/unsubscribe?token=${k.join("+")}`,
    unsubscribeOneClick: (k: string[]) =>
      `https://desk.example.org/api/unsubscribe?token=${k.join("+")}`,
  };

  it("escapes everything typed in the HTML and threads by article", () => {
    const mail = composeEmail([item], { digest: false, host: "example.org", links });
    expect(mail.subject).toBe(`[Claimdesk] Tom & Jerry's "study"`);
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(mail.html).toContain("Tom &amp; Jerry&#39;s &quot;study&quot;");
    expect(mail.text).toContain('Claim 3 in “Tom & Jerry\'s "study"”');
    expect(mail.text).toContain("https://desk.example.org/articles/tom-jerry?claim=c1");
    expect(mail.headers).toMatchObject({
      "In-Reply-To": "<article-a1@example.org>",
      References: "<article-a1@example.org>",
      "List-Unsubscribe": "<https://desk.example.org/api/unsubscribe?token=mentioned>",
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    });
  });

  it("gathers a digest with a link per item and per kind, and starts no thread", () => {
    const other = { ...item, kind: "reply" as const, summary: "A reply", claimId: "c2" };
    const mail = composeEmail([item, other], { digest: true, host: "example.org", links });
    expect(mail.subject).toBe("[Claimdesk] Your daily digest: 2 notifications");
    expect(mail.text).toContain("?claim=c1");
    expect(mail.text).toContain("?claim=c2");
    expect(mail.text).toContain("unsubscribe?token=mentioned");
    expect(mail.text).toContain("unsubscribe?token=reply");
    expect(mail.headers["In-Reply-To"]).toBeUndefined();
    expect(mail.headers["List-Unsubscribe"]).toContain("token=mentioned+reply");
  });
});
