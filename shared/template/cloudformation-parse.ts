/**
 * Reads a CloudFormation or SAM template, YAML (with the short-form intrinsics !Ref, !GetAtt, !Sub,
 * !If, …) or JSON, into plain objects in the long form ({"Ref": …}, {"Fn::GetAtt": […]}), keeping the
 * line of every resource so that findings can point at it.
 *
 * JSON is parsed by the same YAML 1.2 parser (JSON is YAML), so both report syntax errors by line.
 */
import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { TemplateFileError } from './template-errors.ts';
import { isRecord } from './records.ts';

export interface ParsedTemplate {
  file: string;
  /** The whole template in long form. */
  body: Record<string, unknown>;
  /** 1-based line of each resource's logical id under Resources. */
  resourceLines: ReadonlyMap<string, number>;
}

/** Short forms whose argument is kept as written (the rest get the `Fn::` prefix). */
const SHORT_FORM_NAMES: Record<string, string> = { '!Ref': 'Ref', '!Condition': 'Condition' };

export function parseCloudFormation(file: string, text: string): ParsedTemplate {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: false, strict: false, prettyErrors: false });
  const error = document.errors[0];
  if (error) {
    const line = error.linePos?.[0]?.line ?? lineCounter.linePos(error.pos[0]).line;
    throw new TemplateFileError(file, `not valid YAML or JSON (${firstLine(error.message)})`, line);
  }
  const body = toPlain(document.contents as Node | null);
  if (!isRecord(body)) throw new TemplateFileError(file, 'expected a CloudFormation template (a mapping with Resources), found no mapping');
  const resourceLines = new Map<string, number>();
  const root = document.contents;
  if (isMap(root)) {
    const resources = root.items.find((pair) => isScalar(pair.key) && pair.key.value === 'Resources')?.value;
    if (isMap(resources)) {
      for (const pair of resources.items) {
        if (isPair(pair) && isScalar(pair.key) && pair.key.range) {
          resourceLines.set(String(pair.key.value), lineCounter.linePos(pair.key.range[0]).line);
        }
      }
    }
  }
  return { file, body, resourceLines };
}

function toPlain(node: Node | null | undefined): unknown {
  if (node === null || node === undefined) return null;
  const tag = node.tag;
  let value: unknown;
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    for (const pair of node.items) out[String(isScalar(pair.key) ? pair.key.value : toPlain(pair.key as Node))] = toPlain(pair.value as Node);
    value = out;
  } else if (isSeq(node)) {
    value = node.items.map((item) => toPlain(item as Node));
  } else if (isScalar(node)) {
    value = node.value;
  } else {
    // An alias: the anchored node's value.
    value = (node as { toJSON(): unknown }).toJSON();
  }
  if (!tag || !tag.startsWith('!') || tag.startsWith('!!')) return value;
  const name = SHORT_FORM_NAMES[tag] ?? `Fn::${tag.slice(1)}`;
  // !GetAtt Resource.Attribute is the one short form whose scalar splits into the long form's list.
  if (name === 'Fn::GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.');
    return { [name]: dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
  }
  return { [name]: value };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
