/**
 * Every control of the catalog can judge a template offline and says what it judges there.
 *
 * Scenarios
 * - Given any control, then it declares beforeDeployment, and its README shows it.
 * - Given any control, then a template is judged without an AWS client: either its context comes
 *   from the template's facts, or its own loadContext needs no AWS (a control added later that reads
 *   the account fails here until it gets a template context).
 */
import { controls } from '#shared/controls/catalog.ts';
import { emptyFacts } from '#shared/template/declared-stack.ts';
import { hasTemplateContext, templateContextOf } from '#shared/template/template-contexts.ts';
import { controlReadme } from '../../../infra/control-docs.ts';

describe.each(controls.map((c) => [c.id, c] as const))('%s before deployment', (_id, control) => {
  it('says what a template or plan lets it judge, in its README too', () => {
    expect(control.beforeDeployment.length).toBeGreaterThan(40);
    expect(control.beforeDeployment).toMatch(/\.$/);
    expect(controlReadme(control)).toContain(`## Before deployment\n\n\`scan --template\` and the CloudFormation hook judge: ${control.beforeDeployment}`);
  });

  it('gets its context without AWS', async () => {
    const context = templateContextOf(control, emptyFacts(), {}, [], { evaluationTime: new Date('2026-12-07T00:00:00Z') });
    await expect(context).resolves.not.toThrow();
    expect(hasTemplateContext(control) || control.iamActions.length === 0).toBe(true);
  });
});
