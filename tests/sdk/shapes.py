"""Checks an answer against the SDK's own TypedDict of it (smspva.types): every field the
SDK declares must have the declared type when present, and its required fields must be
there. Extra fields are allowed, as in a
TypedDict; an int is accepted where the SDK says float (Python's numeric tower)."""

import types
import typing


def mismatches(value, hint, path="answer"):
    """The list of fields whose type differs from `hint`."""
    if hint is typing.Any:
        return []
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [mismatches(value, h, path) for h in typing.get_args(hint)]
        return [] if any(not o for o in options) else min(options, key=len)
    if typing.is_typeddict(hint):
        if not isinstance(value, dict):
            return [f"{path}: expected an object, got {value!r}"]
        found = [f"{path}.{key}: missing" for key in hint.__required_keys__ if key not in value]
        for key, sub in typing.get_type_hints(hint).items():
            if key in value:
                found += mismatches(value[key], sub, f"{path}.{key}")
        return found
    if origin is list:
        if not isinstance(value, list):
            return [f"{path}: expected a list, got {value!r}"]
        (item,) = typing.get_args(hint)
        return [m for i, v in enumerate(value) for m in mismatches(v, item, f"{path}[{i}]")]
    if origin is dict:
        if not isinstance(value, dict):
            return [f"{path}: expected an object, got {value!r}"]
        _, item = typing.get_args(hint)
        return [m for k, v in value.items() for m in mismatches(v, item, f"{path}.{k}")]
    if hint is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    elif hint is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
    else:
        ok = isinstance(value, hint)
    return [] if ok else [f"{path}: expected {hint.__name__}, got {value!r}"]
