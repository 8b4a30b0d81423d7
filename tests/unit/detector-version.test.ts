/**
 * Stored suggestions (revision_suggestions) are keyed by DETECTOR_VERSION: retrained weights
 * under the same version would serve the old model's suggestions on every stored revision.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DETECTOR_VERSION, DETECTOR_WEIGHTS_SHA256 } from "@/lib/core/suggestions/select";

describe("the detector version of stored suggestions", () => {
  it("names the weights it stands for: bump DETECTOR_VERSION with the hash after retraining", () => {
    const weights = fs.readFileSync(
      path.join(import.meta.dirname, "../../lib/core/detect/model/weights.json"),
    );
    const hash = createHash("sha256").update(weights).digest("hex");
    expect(DETECTOR_VERSION).toBeGreaterThanOrEqual(1);
    expect(hash, "the weights changed: raise DETECTOR_VERSION and record the new hash").toBe(
      DETECTOR_WEIGHTS_SHA256,
    );
  });
});
