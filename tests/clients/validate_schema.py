"""Validate jjj's JSON exports against schema/graph.schema.json with the jsonschema package.

Usage: python3 validate_schema.py SCHEMA.json EXPORT.json [EXPORT.json ...]
Prints one JSON object: per export file, the first five validation errors (message and
instance path); an empty list is a valid export. The Rust test asserts on it.
"""
import json
import sys

import jsonschema


def main():
    schema = json.load(open(sys.argv[1], encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    validator.check_schema(schema)
    report = {}
    for path in sys.argv[2:]:
        instance = json.load(open(path, encoding="utf-8"))
        errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))
        report[path] = [
            f"{e.message} at /{'/'.join(str(p) for p in e.absolute_path)}" for e in errors[:5]
        ]
    print(json.dumps({"validator": validator.__class__.__name__, "errors": report}, ensure_ascii=False))


if __name__ == "__main__":
    main()
