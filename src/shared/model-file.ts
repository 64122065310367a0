// The learned models' files (rules/guard-judge.json, rules/intent-model.json) share one layout: the features as
// one string, one per line, and the weights as one block of little-endian 32-bit floats in base64, `columns` per
// feature (the judge has one, the intent model one per intent). One string and one block rather than an object
// per feature: parsing thousands of small objects grew a process by 12–16 MB that it kept.
import { readFileSync } from 'node:fs';
import { ConfigError } from './errors.ts';

export interface ModelFileSpec {
  /** How errors name it: "the guard judge model". */
  name: string;
  version: number;
  /** A field holding an array, one weight per feature for each of its entries ("intents"); else one weight. */
  columns?: string;
  /** What to do about a broken file: "run `node scripts/train-…` or restore rules/…". */
  hint: string;
}

export interface ModelFile {
  /** Every field of the file (its version, `columns`'s array, what it was trained on). */
  fields: Record<string, unknown>;
  features: string[];
  /** In the file's order: feature by feature, `columns` each. */
  weights: Float32Array;
}

/** The model file at `path`, checked: its version, fields, the number of weights and that each is a number. */
export function readModelFile(path: string, spec: ModelFileSpec): ModelFile {
  const hint = { hint: spec.hint };
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ConfigError(path, `cannot read ${spec.name}`, { ...hint, cause: err });
  }
  const fields = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  const columnNames = spec.columns === undefined ? null : fields[spec.columns];
  if (fields.version !== spec.version || typeof fields.features !== 'string' || typeof fields.weights !== 'string' || (spec.columns !== undefined && !Array.isArray(columnNames))) {
    const named = [...(spec.columns === undefined ? [] : [spec.columns]), 'features', 'weights'].map((f) => `"${f}"`);
    throw new ConfigError(path, `${spec.name} is not a version ${spec.version} model with ${named.slice(0, -1).join(', ')} and ${named.at(-1)}`, hint);
  }
  const columns = Array.isArray(columnNames) ? columnNames.length : 1;
  const features = fields.features.split('\n');
  const bytes = Buffer.from(fields.weights, 'base64');
  if (bytes.length !== features.length * columns * 4) {
    const of = Array.isArray(columnNames) ? ` of ${columns} ${spec.columns}` : '';
    throw new ConfigError(path, `${spec.name} holds ${bytes.length / 4} weights for ${features.length} features${of}`, hint);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const weights = new Float32Array(features.length * columns);
  for (let i = 0; i < weights.length; i++) {
    weights[i] = view.getFloat32(i * 4, true);
    if (!Number.isFinite(weights[i])) {
      const feature = features[Math.floor(i / columns)]!;
      const column = Array.isArray(columnNames) ? ` for "${String(columnNames[i % columns])}"` : '';
      throw new ConfigError(path, `${spec.name}'s weight of "${feature}"${column} is not a number`, hint);
    }
  }
  return { fields, features, weights };
}
