/**
 * A stateful fake of SSM Parameter Store's GetParameter, behind the model-checking endpoint. A SecureString under a
 * customer managed key is decrypted with the caller's own permission to use the key (kms:Decrypt, through SSM), as
 * the service does; one under the AWS managed key aws/ssm needs none.
 */
import { OperationFake, ServiceError } from '../aws-endpoint';

export interface Parameter {
  readonly value: string;
  readonly type: 'String' | 'SecureString';
  /** The customer managed key of a SecureString. */
  readonly keyArn?: string;
}

export class ParameterStore {
  public readonly parameters = new Map<string, Parameter>();

  public get fakes(): Record<string, OperationFake> {
    return {
      GetParameter: (input, context) => {
        const name = String(input.Name).replace(/^arn:[^:]+:ssm:[^:]+:\d+:parameter(?=\/)/, '');
        const p = this.parameters.get(name) ?? this.parameters.get(name.replace(/^\//, ''));
        if (!p) throw new ServiceError('ParameterNotFound', `Parameter ${input.Name} not found.`);
        const decrypt = p.type === 'SecureString' && input.WithDecryption === true;
        if (decrypt && p.keyArn) {
          // SSM asks KMS in its own Region (the key's), so the request comes through ssm.<region>.amazonaws.com.
          const denial = context?.authorize('kms:Decrypt', [p.keyArn], { 'kms:ViaService': `ssm.${p.keyArn.split(':')[3]}.amazonaws.com` });
          if (denial) throw new ServiceError('AccessDeniedException', denial);
        }
        const value = p.type === 'SecureString' && !decrypt ? Buffer.from(p.value).toString('base64') : p.value;
        return { Parameter: { Name: name, Type: p.type, Value: value, Version: 1, ARN: `arn:aws:ssm:us-east-1:123456789012:parameter${name.startsWith('/') ? '' : '/'}${name}`, DataType: 'text' } };
      },
    };
  }
}
