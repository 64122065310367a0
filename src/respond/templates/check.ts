// What a template body uses, checked when it loads rather than when a buyer is waiting: helpers that do
// not exist or get the wrong number of values, fields RenderData does not have, and the partials it
// includes (their existence is checked once all files are read).
import { isKnownPath, suggestions } from './fields.ts';
import { HELPERS } from './helpers.ts';

export interface Issue {
  /** Line in the file (the front-matter offset already added). */
  line: number;
  message: string;
}

export interface PartialRef {
  name: string;
  line: number;
}

const MANY = Number.POSITIVE_INFINITY;

/** Handlebars' own helpers; `each` and `with` change what a bare name refers to. */
const BUILTINS: Readonly<Record<string, { min: number; max: number; changesContext: boolean }>> = {
  if: { min: 1, max: 1, changesContext: false },
  unless: { min: 1, max: 1, changesContext: false },
  each: { min: 1, max: 1, changesContext: true },
  with: { min: 1, max: 1, changesContext: true },
  lookup: { min: 2, max: 2, changesContext: false },
  log: { min: 1, max: MANY, changesContext: false },
};

const HELPER_LIST = [...Object.keys(HELPERS), ...Object.keys(BUILTINS)].join(', ');

export function inspectBody(body: hbs.AST.Program, offset: number): { issues: Issue[]; partials: PartialRef[] } {
  const issues: Issue[] = [];
  const partials: PartialRef[] = [];
  const report = (node: hbs.AST.Node, message: string): void => {
    issues.push({ line: node.loc.start.line + offset, message });
  };

  const program = (p: hbs.AST.Program | undefined, scoped: boolean): void => {
    for (const statement of p?.body ?? []) visit(statement, scoped);
  };

  const visit = (node: hbs.AST.Node, scoped: boolean): void => {
    switch (node.type) {
      case 'MustacheStatement': {
        const m = node as hbs.AST.MustacheStatement;
        call(m.path, m.params, m.hash, false, scoped, m);
        return;
      }
      case 'BlockStatement': {
        const b = node as hbs.AST.BlockStatement;
        const name = simpleName(b.path);
        if (name !== null && Object.hasOwn(HELPERS, name)) {
          report(b, `"${name}" is not a block helper; use it inside one: {{#if (${name} …)}} … {{/if}}`);
        }
        const inner = call(b.path, b.params, b.hash, false, scoped, b);
        program(b.program, scoped || inner);
        program(b.inverse, scoped);
        return;
      }
      case 'PartialStatement':
      case 'PartialBlockStatement': {
        const p = node as hbs.AST.PartialStatement | hbs.AST.PartialBlockStatement;
        if (p.name.type === 'PathExpression') partials.push({ name: (p.name as hbs.AST.PathExpression).original, line: p.loc.start.line + offset });
        else report(p, 'a partial name must be written out, e.g. {{> greeting}}, so kotae can check that it exists');
        for (const param of p.params) expression(param, scoped);
        for (const pair of p.hash?.pairs ?? []) expression(pair.value, scoped);
        if (p.type === 'PartialBlockStatement') program((p as hbs.AST.PartialBlockStatement).program, scoped);
        return;
      }
      case 'Decorator':
      case 'DecoratorBlock':
        report(node, 'decorators ({{* …}}) are not supported in kotae templates; remove it');
        return;
      default:
        return; // text and comments
    }
  };

  /** Checks a helper call or a field; returns whether a block on it changes the context. */
  const call = (path: hbs.AST.Node, params: hbs.AST.Expression[], hash: hbs.AST.Hash | undefined, isSub: boolean, scoped: boolean, node: hbs.AST.Node): boolean => {
    for (const param of params) expression(param, scoped);
    for (const pair of hash?.pairs ?? []) expression(pair.value, scoped);
    if (path.type !== 'PathExpression') return false;
    const p = path as hbs.AST.PathExpression;
    const name = simpleName(p);
    const helper = name === null ? undefined : (HELPERS[name] ?? BUILTINS[name]);
    if (helper !== undefined) {
      if (params.length < helper.min || params.length > helper.max) {
        const wanted = helper.min === helper.max ? `${helper.min}` : helper.max === MANY ? `at least ${helper.min}` : `${helper.min} to ${helper.max}`;
        report(node, `"${name}" takes ${wanted} value${wanted === '1' ? '' : 's'}, not ${params.length}; see docs/templates.md for how to call it`);
      }
      return name !== null && BUILTINS[name]?.changesContext === true;
    }
    if (isSub || params.length > 0 || (hash?.pairs.length ?? 0) > 0) {
      report(node, `unknown helper "${p.original}"; the helpers are: ${HELPER_LIST}`);
      return false;
    }
    field(p, scoped);
    return true; // {{#order}} … {{/order}} reads inside order
  };

  const expression = (node: hbs.AST.Expression, scoped: boolean): void => {
    if (node.type === 'PathExpression') field(node as hbs.AST.PathExpression, scoped);
    else if (node.type === 'SubExpression') {
      const s = node as hbs.AST.SubExpression;
      call(s.path, s.params, s.hash, true, scoped, s);
    }
  };

  const field = (p: hbs.AST.PathExpression, scoped: boolean): void => {
    let parts = p.parts;
    if (p.data) {
      if (parts[0] !== 'root') return; // @index, @first, …
      parts = parts.slice(1);
    } else if (scoped || p.depth > 0 || /^(?:this\b|\.)/.test(p.original)) {
      return; // relative to an each/with block: not checkable here
    }
    const path = parts.join('.');
    if (path !== '' && !isKnownPath(path)) {
      report(p, `unknown field "${path}"; the data has: ${suggestions(path).join(', ')}`);
    }
  };

  program(body, false);
  return { issues, partials };
}

function simpleName(node: hbs.AST.Node): string | null {
  if (node.type !== 'PathExpression') return null;
  const p = node as hbs.AST.PathExpression;
  return p.parts.length === 1 && p.depth === 0 && !p.data && !/^(?:this\b|\.)/.test(p.original) ? p.parts[0]! : null;
}
