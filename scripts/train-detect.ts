/**
 * `npm run train:detect`: rebuilds `lib/core/detect/model/weights.json` from the training
 * sets only (see docs/detector.md). Deterministic: the same files give byte-identical weights.
 * Never add the held-out sets (`holdout-sentences.json`, `test-*.json`) here.
 */
import fs from "node:fs";
import path from "node:path";
import { labelledSetSchema } from "../lib/core/detect/evaluate";
import { trainingExamples } from "../lib/core/detect/model/examples";
import { train } from "../lib/core/detect/model/train";

const root = path.join(import.meta.dirname, "..");
const TRAINING = ["labelled-sentences.json", "train-sentences.json"];

const set = TRAINING.flatMap((name) =>
  labelledSetSchema.parse(
    JSON.parse(fs.readFileSync(path.join(root, "tests", "fixtures", "detect", name), "utf8")),
  ),
);
const model = train(trainingExamples(set));
const out = path.join(root, "lib", "core", "detect", "model", "weights.json");
fs.writeFileSync(out, `${JSON.stringify(model, null, 0)}\n`);
console.log(
  `trained on ${set.length} sentences (${set.filter((s) => s.checkWorthy).length} check-worthy): ` +
    `${Object.keys(model.weights).length} weights → ${path.relative(root, out)}`,
);
