// The training both learned models share (scripts/train-guard-judge.ts, scripts/train-intent-model.ts): a
// logistic regression over sets of feature names, by stochastic gradient descent with a little weight
// decay, the examples shuffled each pass by a fixed seed, so the same examples give the same weights on every
// engine. "bias" is the intercept.
export interface Training {
  epochs: number;
  rate: number;
  decay: number;
  seed: number;
}

/** The weights learned from `examples` (indices into `features` and `positive`), in the order seen. */
export function trainLogistic(features: readonly (readonly string[])[], positive: (i: number) => boolean, examples: readonly number[], t: Training): Map<string, number> {
  const weights = new Map<string, number>();
  let seed = t.seed;
  const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  for (let epoch = 0; epoch < t.epochs; epoch++) {
    // Fisher–Yates with a fixed seed: the same order on every engine.
    const order = [...examples];
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const i of order) {
      const keys = ['bias', ...features[i]!];
      const z = keys.reduce((sum, k) => sum + (weights.get(k) ?? 0), 0);
      const error = (positive(i) ? 1 : 0) - 1 / (1 + Math.exp(-z));
      for (const k of keys) {
        const w = weights.get(k) ?? 0;
        weights.set(k, w + t.rate * (error - t.decay * w));
      }
    }
  }
  return weights;
}

/** Weights as both model files store them (src/shared/model-file.ts): little-endian 32-bit floats, in base64. */
export function weightsBase64(weights: Iterable<number>): string {
  const values = [...weights];
  const table = new DataView(new ArrayBuffer(values.length * 4));
  values.forEach((w, i) => table.setFloat32(i * 4, w, true));
  return Buffer.from(table.buffer).toString('base64');
}
