/**
 * The build's rewrite of the SDK's generated shape modules (scripts/build.ts, inlineSchemaKeys).
 *
 * Scenarios
 * - Given a shape module whose keys name string constants, then each key holds the constant's
 *   string and the module evaluates to the same shapes.
 * - Given a bundle importing one shape, then esbuild keeps it and drops the shapes nothing imports,
 *   which it keeps while a computed key names a constant.
 */
import { build } from 'esbuild';
import { inlineSchemaKeys } from '../../../scripts/build.ts';

/** The generator's form (from @aws-sdk/client-ec2's dist-es/schemas/schemas_0.js), shortened. */
const SHAPES = `const _AC = "AcceleratorCount";
const _M = "Min";
const _eQN = "ec2QueryName";
const _xN = "xmlName";
const _m = "min";
const n0 = "com.amazonaws.ec2";
export var AcceleratorCount$ = [3, n0, _AC,
    0,
    [_M],
    [[1, { [_eQN]: \`Min\`,
                [_xN]: _m }]]
];
export var Unused$ = [3, n0, "Unused",
    0,
    [_M],
    [[1, { [_eQN]: \`Min\`,
                [_xN]: _m }]]
];
`;

async function bundleOf(shapes: string): Promise<string> {
  const result = await build({
    stdin: { contents: 'import { AcceleratorCount$ } from "shapes"; console.log(AcceleratorCount$);', resolveDir: '.' },
    bundle: true,
    write: false,
    format: 'esm',
    minify: true,
    logLevel: 'silent',
    plugins: [{
      name: 'shapes',
      setup(b) {
        b.onResolve({ filter: /^shapes$/ }, () => ({ path: 'shapes', namespace: 'shapes' }));
        b.onLoad({ filter: /.*/, namespace: 'shapes' }, () => ({ contents: shapes, loader: 'js' }));
      },
    }],
  });
  return result.outputFiles[0]!.text;
}

const evaluate = async (source: string): Promise<Record<string, unknown>> =>
  (await import(`data:text/javascript,${encodeURIComponent(source)}`)) as Record<string, unknown>;

describe('inlining the keys of the SDK shape modules', () => {
  it('writes each constant\'s string in its key, leaving the shapes the same', async () => {
    // Act
    const rewritten = inlineSchemaKeys(SHAPES);
    // Assess
    expect(rewritten).toContain('{ ["ec2QueryName"]: `Min`');
    expect(rewritten).not.toMatch(/\[_\w+\]:/);
    expect(await evaluate(rewritten)).toEqual(await evaluate(SHAPES));
  });

  it('lets esbuild drop the shapes nothing imports', async () => {
    // Act
    const asGenerated = await bundleOf(SHAPES);
    const inlined = await bundleOf(inlineSchemaKeys(SHAPES));
    // Assess
    expect(asGenerated).toContain('"Unused"');
    expect(inlined).not.toContain('"Unused"');
    expect(inlined).toContain('"AcceleratorCount"');
  });
});
