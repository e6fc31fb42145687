/**
 * The datatype side of validation: compiles each data and value pattern once (datatypes.ts)
 * and answers the derivative engine's questions, and the validator's request for words.
 */
import { DatatypeChecker } from './derivatives';
import { Words } from '../messages/words';
import { CompiledDatatype, CompiledValue, compileDatatype, compileValue, isDatatypeError } from './datatypes';
import { ValuePlace } from './datatypeWords';
import { Pattern } from './patterns';
import { DescribeData } from './validate';

type DataPattern = Extract<Pattern, { kind: 'data' }>;
type ValuePattern = Extract<Pattern, { kind: 'value' }>;

export class XsdDatatypes implements DatatypeChecker, DescribeData {
  private readonly data = new WeakMap<DataPattern, CompiledDatatype>();
  private readonly values = new WeakMap<ValuePattern, CompiledValue>();

  allows(pattern: DataPattern, value: string): boolean {
    return this.compiledData(pattern).allows(value);
  }

  equals(pattern: ValuePattern, value: string): boolean {
    let compiled = this.values.get(pattern);
    if (!compiled) {
      const result = compileValue(pattern.library, pattern.type, pattern.value);
      if (isDatatypeError(result)) throw new Error(`<value type="${pattern.type}">${pattern.value}</value>: ${result.error}`);
      compiled = result;
      this.values.set(pattern, compiled);
    }
    return compiled.matches(value);
  }

  describe(pattern: DataPattern, place?: ValuePlace): Words {
    return this.compiledData(pattern).describe({ define: pattern.define, place });
  }

  private compiledData(pattern: DataPattern): CompiledDatatype {
    let compiled = this.data.get(pattern);
    if (!compiled) {
      const result = compileDatatype(pattern.library, pattern.type, pattern.params);
      // The grammar's datatypes are all checked when the model is built (tests), so this is a bug.
      if (isDatatypeError(result)) throw new Error(`<data type="${pattern.type}">: ${result.error}`);
      compiled = result;
      this.data.set(pattern, compiled);
    }
    return compiled;
  }
}
