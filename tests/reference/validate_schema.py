#!/usr/bin/env python3
"""Validates YAML experiment files against a JSON Schema with python3-jsonschema.

usage: validate_schema.py SCHEMA.json FILE.yaml...
Prints one JSON object: {file: "ok" | the validator's first message}. Used by
tests/core/config/test_experiment_schema to check that `twb schema` agrees with the loader.
"""
import json
import sys

import jsonschema
import yaml


def main():
    with open(sys.argv[1], encoding="utf-8") as handle:
        schema = json.load(handle)
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema)
    verdicts = {}
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8") as handle:
            document = yaml.safe_load(handle)
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
        verdicts[path] = "ok" if not errors else errors[0].message
    json.dump(verdicts, sys.stdout)


if __name__ == "__main__":
    main()
