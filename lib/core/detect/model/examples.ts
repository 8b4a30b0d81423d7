/**
 * Labelled sentences as training examples, through the same splitter and rules as detection so
 * that training and inference see identical features. An item that splits into several
 * sentences gives one example per sentence, each with the item's label.
 */
import { sentenceFeatures } from "../detect";
import type { LabelledSentence } from "../evaluate";
import { splitSentences } from "../split";
import type { Example } from "./train";

export function trainingExamples(set: readonly LabelledSentence[]): Example[] {
  return set.flatMap((item) =>
    splitSentences(item.text).map((s) => ({
      features: sentenceFeatures(s),
      label: item.checkWorthy,
    })),
  );
}
