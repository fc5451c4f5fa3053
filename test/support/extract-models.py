#!/usr/bin/env python3
"""Writes test/support/models/<service>.json: the parts of the official AWS API models (as bundled
with botocore) that the local model-checking endpoint needs to check requests and responses.

Usage: python3 test/support/extract-models.py [--check]
  --check  exit 1 when the committed extracts differ from what the installed botocore gives.

Only python3 and botocore are needed, and only to regenerate: the tests read the committed JSON.
Each node keeps: type, required, location/locationName (top level), min/max/pattern/enum,
idempotencyToken, timestampFormat, and members / member / key / value for containers; a structure whose body is
one member (Lambda's Invoke Payload) keeps that member's name as `payload`.
"""
import gzip
import json
import os
import sys

import botocore

OPERATIONS = {
    'connect': [
        'UpdateTrafficDistribution', 'GetTrafficDistribution', 'DescribeTrafficDistributionGroup',
        'StartOutboundVoiceContact', 'StopContact', 'DescribeContact',
        # Global Resiliency: InstanceReplica and TrafficDistributionGroupUsers.
        'ReplicateInstance', 'DescribeInstance', 'DeleteInstance', 'ListTrafficDistributionGroups',
        'AssociateTrafficDistributionGroupUser', 'DisassociateTrafficDistributionGroupUser', 'ListTrafficDistributionGroupUsers',
    ],
    'customer-profiles': [
        'PutProfileObjectType', 'GetProfileObjectType', 'ListProfileObjectTypes', 'DeleteProfileObjectType',
        'GetProfileObjectTypeTemplate', 'TagResource', 'UntagResource', 'ListTagsForResource',
    ],
    'chime-sdk-voice': [
        'UpdateProxySession', 'GetProxySession', 'CreateProxySession', 'DeleteProxySession',
        'PutVoiceConnectorProxy', 'GetVoiceConnectorProxy', 'DeleteVoiceConnectorProxy',
    ],
    # The long-wait engine continues a handler through Lambda's own asynchronous invoke (lambda/core/self-invoke.ts).
    'lambda': ['Invoke'],
    # The handlers check each request against CloudFormation's record of their own stack (lambda/core/stack-record.ts).
    'cloudformation': ['DescribeStackResource', 'DescribeStackEvents', 'DescribeStacks'],
    # OutboundVoiceContact reads the destination number from a parameter at deploy time.
    'ssm': ['GetParameter'],
}
CONSTRAINTS = ('min', 'max', 'pattern', 'enum', 'timestampFormat')
HERE = os.path.dirname(os.path.abspath(__file__))


def load(service):
    root = os.path.join(os.path.dirname(botocore.__file__), 'data', service)
    version = sorted(v for v in os.listdir(root) if os.path.isdir(os.path.join(root, v)))[-1]
    for name in ('service-2.json.gz', 'service-2.json'):
        path = os.path.join(root, version, name)
        if os.path.exists(path):
            opener = gzip.open if name.endswith('.gz') else open
            with opener(path, 'rt', encoding='utf-8') as f:
                return version, json.load(f)
    raise SystemExit(f'no model for {service}')


def node(shapes, shape_name, member=None, stack=()):
    shape = shapes[shape_name]
    out = {'type': shape['type']}
    for key in CONSTRAINTS:
        if key in shape:
            out[key] = shape[key]
    for key in ('idempotencyToken', 'timestampFormat', 'jsonvalue'):
        if member and key in member:
            out[key] = member[key]
    if shape_name in stack:
        out['recursive'] = True
        return out
    stack = stack + (shape_name,)
    if shape['type'] == 'structure':
        required = set(shape.get('required', []))
        if 'payload' in shape:
            out['payload'] = shape['payload']
        out['members'] = {}
        for name, m in shape.get('members', {}).items():
            child = node(shapes, m['shape'], m, stack)
            if name in required:
                child['required'] = True
            if 'location' in m:
                child['location'] = m['location']
            if 'locationName' in m:
                child['locationName'] = m['locationName']
            out['members'][name] = child
    elif shape['type'] == 'list':
        out['member'] = node(shapes, shape['member']['shape'], shape['member'], stack)
    elif shape['type'] == 'map':
        out['key'] = node(shapes, shape['key']['shape'], shape['key'], stack)
        out['value'] = node(shapes, shape['value']['shape'], shape['value'], stack)
    return out


def extract(service):
    version, model = load(service)
    shapes = model['shapes']
    ops = {}
    for name in OPERATIONS[service]:
        op = model['operations'][name]
        errors = {}
        for e in op.get('errors', []):
            shape = shapes[e['shape']]
            errors[e['shape']] = shape.get('error', {}).get('httpStatusCode', 400)
        ops[name] = {
            'method': op['http']['method'],
            'uri': op['http']['requestUri'],
            'successStatus': op['http'].get('responseCode', 200),
            'input': node(shapes, op['input']['shape']) if 'input' in op else {'type': 'structure', 'members': {}},
            'output': node(shapes, op['output']['shape']) if 'output' in op else {'type': 'structure', 'members': {}},
            'errors': errors,
        }
        # The query protocol wraps the output in <Operation>Result.
        if 'output' in op and 'resultWrapper' in op['output']:
            ops[name]['resultWrapper'] = op['output']['resultWrapper']
    metadata = model['metadata']
    out = {
        'service': service, 'apiVersion': metadata['apiVersion'], 'protocol': metadata['protocol'],
        'signingName': metadata.get('signingName', metadata['endpointPrefix']),
        'source': f'botocore {botocore.__version__} data/{service}/{version}', 'operations': ops,
    }
    # The JSON protocol routes by the X-Amz-Target header, <targetPrefix>.<Operation>.
    if 'targetPrefix' in metadata:
        out['targetPrefix'] = metadata['targetPrefix']
    return out


def main():
    check = '--check' in sys.argv
    drift = False
    for service in OPERATIONS:
        text = json.dumps(extract(service), indent=1, sort_keys=True) + '\n'
        path = os.path.join(HERE, 'models', f'{service}.json')
        if check:
            with open(path, encoding='utf-8') as f:
                if f.read() != text:
                    print(f'{path} differs from botocore {botocore.__version__}')
                    drift = True
        else:
            with open(path, 'w', encoding='utf-8') as f:
                f.write(text)
            print(f'wrote {path}')
    sys.exit(1 if drift else 0)


if __name__ == '__main__':
    main()
