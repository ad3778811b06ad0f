import { ENGINE_PARAMETERS } from '#shared/engine/engine-parameters.ts';
import { InvalidParameterError } from '#shared/engine/errors.ts';
import { booleanParameter, integerParameter, listParameter, parseParameters, type ParameterSpecs } from '#shared/engine/parameters.ts';
import { keyReferenceProblem } from '#shared/inventory/kms-key.ts';

const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';
const KEY_ARN = `arn:aws:kms:us-east-1:123456789012:key/${KEY_ID}`;

const specs = {
  requireCustomerManagedKey: booleanParameter({ description: 'd', default: false }),
  minimumRetentionDays: integerParameter({ description: 'd', default: 1, min: 1, max: 35 }),
  approvedKmsKeyIds: listParameter({ description: 'd', default: [], validateItem: keyReferenceProblem }),
};

/** Runs parseParameters and returns what it threw, failing the test if it did not throw. */
function refusal(raw: Record<string, unknown>, declared: ParameterSpecs = specs): InvalidParameterError {
  try {
    parseParameters(declared, raw);
  } catch (error) {
    if (error instanceof InvalidParameterError) return error;
    throw error;
  }
  throw new Error('expected an InvalidParameterError');
}

describe('parseParameters', () => {
  it('uses the default when a parameter is blank', () => {
    // Prepare
    const retention = { minimumRetentionDays: integerParameter({ description: 'd', default: 1, min: 1, max: 35 }) };
    // Act
    const values = parseParameters(retention, { minimumRetentionDays: ' ' });
    // Assess
    expect(values.minimumRetentionDays).toBe(1);
  });

  it('uses every default when Config passes no parameters', () => {
    // Act
    const values = parseParameters(specs, {});
    // Assess
    expect(values).toEqual({ requireCustomerManagedKey: false, minimumRetentionDays: 1, approvedKmsKeyIds: [] });
  });

  it('uses the defaults for the empty strings a conformance pack passes for unset parameters', () => {
    // Act
    const values = parseParameters(specs, { requireCustomerManagedKey: '', minimumRetentionDays: '', approvedKmsKeyIds: '' });
    // Assess
    expect(values).toEqual({ requireCustomerManagedKey: false, minimumRetentionDays: 1, approvedKmsKeyIds: [] });
  });

  it('uses the default for a null value', () => {
    // Act
    const values = parseParameters(specs, { minimumRetentionDays: null });
    // Assess
    expect(values.minimumRetentionDays).toBe(1);
  });

  describe('booleans', () => {
    it('reads "true" and "false" in any case, around spaces', () => {
      // Act
      const values = ['true', 'TRUE', ' True ', 'false', 'False'].map(
        (text) => parseParameters(specs, { requireCustomerManagedKey: text }).requireCustomerManagedKey,
      );
      // Assess
      expect(values).toEqual([true, true, true, false, false]);
    });

    it('refuses anything else, naming the value and what is accepted', () => {
      // Act
      const errors = ['yes', '1', 'on'].map((text) => refusal({ requireCustomerManagedKey: text }));
      // Assess
      errors.forEach((error, i) => {
        expect(error.parameter).toBe('requireCustomerManagedKey');
        expect(error.message).toContain('Rule parameter "requireCustomerManagedKey"');
        expect(error.message).toContain(`"${['yes', '1', 'on'][i]}" is not accepted`);
        expect(error.message).toContain('use "true" or "false"');
      });
    });
  });

  describe('integers', () => {
    it('reads a whole number around spaces', () => {
      // Act
      const values = parseParameters(specs, { minimumRetentionDays: ' 7 ' });
      // Assess
      expect(values.minimumRetentionDays).toBe(7);
    });

    it('accepts both ends of the range', () => {
      // Act
      const values = ['1', '35'].map((text) => parseParameters(specs, { minimumRetentionDays: text }).minimumRetentionDays);
      // Assess
      expect(values).toEqual([1, 35]);
    });

    it('refuses a number out of range, naming the range', () => {
      // Act
      const errors = ['0', '36', '-1'].map((text) => refusal({ minimumRetentionDays: text }));
      // Assess
      for (const error of errors) {
        expect(error.parameter).toBe('minimumRetentionDays');
        expect(error.message).toContain('is out of range');
        expect(error.message).toContain('an integer from 1 to 35');
      }
      expect(errors[1]?.message).toContain('36 is out of range');
    });

    it('refuses what is not a whole number, naming the value and the range', () => {
      // Act
      const errors = ['7.5', 'seven', '7 days', '1e1', '0x10'].map((text) => refusal({ minimumRetentionDays: text }));
      // Assess
      for (const error of errors) {
        expect(error.parameter).toBe('minimumRetentionDays');
        expect(error.message).toContain('is not a whole number');
        expect(error.message).toContain('from 1 to 35');
      }
      expect(errors[1]?.message).toContain('"seven"');
    });
  });

  describe('lists', () => {
    it('splits on commas, trims items and drops empty ones', () => {
      // Act
      const values = parseParameters(specs, { approvedKmsKeyIds: ` ${KEY_ID} ,, ${KEY_ARN},` });
      // Assess
      expect(values.approvedKmsKeyIds).toEqual([KEY_ID, KEY_ARN]);
    });

    it('reads a single item', () => {
      // Act
      const values = parseParameters(specs, { approvedKmsKeyIds: KEY_ARN });
      // Assess
      expect(values.approvedKmsKeyIds).toEqual([KEY_ARN]);
    });

    it('refuses an alias in approvedKmsKeyIds, naming the item', () => {
      // Act
      const error = refusal({ approvedKmsKeyIds: `${KEY_ID},alias/orders-cache` });
      // Assess
      expect(error.parameter).toBe('approvedKmsKeyIds');
      expect(error.message).toContain('Rule parameter "approvedKmsKeyIds"');
      expect(error.message).toContain('item "alias/orders-cache" is an alias');
    });

    it('refuses an alias ARN in approvedKmsKeyIds', () => {
      // Act
      const error = refusal({ approvedKmsKeyIds: 'arn:aws:kms:us-east-1:123456789012:alias/orders-cache' });
      // Assess
      expect(error.parameter).toBe('approvedKmsKeyIds');
      expect(error.message).toContain('is an alias');
    });

    it('refuses an item that is not a key reference at all', () => {
      // Act
      const error = refusal({ approvedKmsKeyIds: 'orders-key' });
      // Assess
      expect(error.message).toContain('item "orders-key" is neither a KMS key id');
    });
  });

  describe('unknown and malformed parameters', () => {
    it('refuses an unknown parameter, naming it and the accepted names', () => {
      // Act: a misspelling that would otherwise fall back silently to the default.
      const error = refusal({ minimumRetentionDay: '7' });
      // Assess
      expect(error).toBeInstanceOf(InvalidParameterError);
      expect(error.name).toBe('InvalidParameterError');
      expect(error.parameter).toBe('minimumRetentionDay');
      expect(error.message).toContain('Rule parameter "minimumRetentionDay": is not a parameter of this control');
      expect(error.message).toContain('accepted: requireCustomerManagedKey, minimumRetentionDays, approvedKmsKeyIds');
    });

    it('accepts the engine\'s own parameters merged into the declarations, and lists them as accepted', () => {
      // Prepare: the engine declares ExecutionRoleName once and merges it into every control's specs.
      const merged = { ...ENGINE_PARAMETERS, ...specs };
      // Act
      const values = parseParameters(merged, { ExecutionRoleName: 'ConfigRuleReader' });
      const error = refusal({ ExecutionRole: 'x' }, merged);
      // Assess
      expect(values.ExecutionRoleName).toBe('ConfigRuleReader');
      expect(values.minimumRetentionDays).toBe(1);
      expect(error.message).toContain('accepted: ExecutionRoleName, includeServerlessCaches, requireCustomerManagedKey, minimumRetentionDays, approvedKmsKeyIds');
    });

    it('takes no list of extra names: a name is accepted only if it is declared', () => {
      // Act: a caller can no longer wave an undeclared (and so unvalidated) name through.
      // @ts-expect-error parseParameters takes the declarations and Config's values only
      const parse = () => parseParameters(specs, { ExecutionRoleName: 'ConfigRuleReader' }, ['ExecutionRoleName']);
      // Assess
      expect(parse).toThrow(InvalidParameterError);
      expect(parse).toThrow('Rule parameter "ExecutionRoleName": is not a parameter of this control');
    });

    it('says "(none)" when a control accepts no parameters at all', () => {
      // Act
      let error: unknown;
      try {
        parseParameters({}, { minimumRetentionDays: '7' });
      } catch (thrown) {
        error = thrown;
      }
      // Assess
      expect(error).toBeInstanceOf(InvalidParameterError);
      expect((error as InvalidParameterError).message).toContain('accepted: (none)');
    });

    it('refuses a value that is not a string, as Config always passes strings', () => {
      // Act
      const error = refusal({ minimumRetentionDays: 7 });
      // Assess
      expect(error.parameter).toBe('minimumRetentionDays');
      expect(error.message).toContain('must be a string as Config passes it, got number');
    });
  });
});

describe('parameter declarations', () => {
  it('write their default as the text a template carries', () => {
    // Act
    const texts = [specs.requireCustomerManagedKey.defaultText, specs.minimumRetentionDays.defaultText, specs.approvedKmsKeyIds.defaultText];
    // Assess
    expect(texts).toEqual(['false', '1', '']);
  });

  it('write a list default comma-separated', () => {
    // Prepare
    const list = listParameter({ description: 'd', default: [KEY_ID, KEY_ARN], validateItem: keyReferenceProblem });
    // Act
    const parsed = list.parse(list.defaultText);
    // Assess
    expect(list.defaultText).toBe(`${KEY_ID},${KEY_ARN}`);
    expect(parsed).toEqual([KEY_ID, KEY_ARN]);
  });

  it('keep the bounds of an integer declaration', () => {
    // Assess
    expect(specs.minimumRetentionDays).toMatchObject({ kind: 'integer', min: 1, max: 35, default: 1 });
  });
});
